// The answer to a PIN attempt, in words a person at a register can act on.
import type { LoginFeedback as Feedback } from '../stores/sessionStore';
import { formatAbsolute, formatClock } from '../format/time';
import { Notice } from '../ui/Notice';

export function LoginFeedback({ feedback, tileLocked }: { feedback: Feedback | null; tileLocked: boolean }) {
  if (feedback?.kind === 'wrong_pin') {
    const tries = `${feedback.attemptsLeft} ${feedback.attemptsLeft === 1 ? 'try' : 'tries'} left`;
    return (
      <Notice tone="error" title={`Wrong PIN — ${tries}`} testId="login-feedback">
        After that, this profile locks for a few minutes.
      </Notice>
    );
  }
  if (feedback?.kind === 'locked') {
    return (
      <Notice tone="error" title={`Locked until ${formatClock(feedback.lockedUntil)}`} testId="login-feedback">
        <span title={formatAbsolute(feedback.lockedUntil)}>Too many wrong PINs. Try again then, or ask a manager to help.</span>
      </Notice>
    );
  }
  if (feedback?.kind === 'choose_pin') {
    const title = { first: 'Choose your PIN', again: 'Type the same PIN again', mismatch: 'The two PINs were different' }[feedback.step];
    return (
      <Notice tone={feedback.step === 'mismatch' ? 'warning' : 'info'} title={title} testId="login-feedback">
        {feedback.step === 'mismatch'
          ? 'Choose your new PIN again.'
          : 'Your manager set up your profile or reset your PIN. Pick 4 to 8 digits only you know; not 1111 or 1234.'}
      </Notice>
    );
  }
  if (feedback?.kind === 'error') {
    return <Notice tone="error" title={feedback.message} testId="login-feedback" />;
  }
  if (tileLocked) {
    return (
      <Notice tone="warning" title="This profile is locked" testId="login-feedback">
        Too many wrong PINs were entered. It unlocks by itself after a few minutes.
      </Notice>
    );
  }
  return null;
}
