// The answer to a PIN attempt, in words a person at a register can act on.
import type { LoginFeedback as Feedback } from '../stores/sessionStore';
import { formatAbsolute, formatClock } from '../format/time';
import { Notice } from '../ui/Notice';

export function LoginFeedback({ feedback, tileLocked, onManagerUnlock }: { feedback: Feedback | null; tileLocked: boolean; onManagerUnlock?: () => void }) {
  // Any lock: a manager can lift it now, with their PIN on this screen.
  const unlock = onManagerUnlock ? (
    <>
      {' '}
      <button type="button" className="inline-action" data-testid="manager-unlock-button" onClick={onManagerUnlock}>
        Manager unlock
      </button>
    </>
  ) : null;
  if (feedback?.kind === 'wrong_pin') {
    const tries = `${feedback.attemptsLeft} ${feedback.attemptsLeft === 1 ? 'try' : 'tries'} left`;
    return (
      <Notice tone="error" title={`Wrong PIN — ${tries}`} testId="login-feedback">
        After that, this profile locks for a while.
      </Notice>
    );
  }
  if (feedback?.kind === 'locked' && feedback.lockedUntil === null) {
    return (
      <Notice tone="error" title="Locked until a manager unlocks" testId="login-feedback">
        Too many wrong PINs in a row.{unlock}
      </Notice>
    );
  }
  if (feedback?.kind === 'locked' && feedback.lockedUntil !== null) {
    return (
      <Notice tone="error" title={`Locked until ${formatClock(feedback.lockedUntil)}`} testId="login-feedback">
        <span title={formatAbsolute(feedback.lockedUntil)}>Too many wrong PINs. Try again then, or:</span>
        {unlock}
      </Notice>
    );
  }
  if (feedback?.kind === 'choose_pin') {
    const title = { first: 'Choose your PIN', again: 'Type the same PIN again', mismatch: 'The two PINs were different' }[feedback.step];
    return (
      <Notice tone={feedback.step === 'mismatch' ? 'warning' : 'info'} title={title} testId="login-feedback">
        {{
          first: 'Your manager set up your profile or reset your PIN. Pick digits only you know, as many as the line above says; not one repeated digit or a run like 123456.',
          again: 'Type the same digits once more, so a slip of the finger cannot become your PIN.',
          mismatch: 'Choose your new PIN again.',
        }[feedback.step]}
      </Notice>
    );
  }
  if (feedback?.kind === 'error') {
    return <Notice tone="error" title={feedback.message} testId="login-feedback" />;
  }
  if (tileLocked) {
    return (
      <Notice tone="warning" title="This profile is locked" testId="login-feedback">
        Too many wrong PINs were entered. It unlocks by itself after a while, or:{unlock}
      </Notice>
    );
  }
  return null;
}
