// A person whose PIN is shorter than the chain's policy (the old 4-digit ones) is asked, right
// after signing in, to choose a new one: the current PIN, then the new one twice, on the same
// PIN pad as sign-in. "Later" leaves the question for the next sign-in; the old PIN still works.
import { useEffect, useState } from 'react';
import { api } from '../bridge';
import { PinPad } from '../login/PinPad';
import { useSessionStore } from '../stores/sessionStore';
import { Notice } from '../ui/Notice';

type Step = 'current' | 'new' | 'again';

const PROMPTS: Record<Step, string> = {
  current: 'First your current PIN',
  new: 'Now your new PIN',
  again: 'The new PIN once more',
};

export function PinChangePrompt() {
  const session = useSessionStore((s) => s.session);
  const [later, setLater] = useState(false);
  const [open, setOpen] = useState(false);
  const [pinLength, setPinLength] = useState(6);

  useEffect(() => {
    void api.call('security.settings', {}).then((r) => r.ok && setPinLength(r.value.pinLength));
  }, []);

  if (!session?.pinChangeRequired || later) return null;
  return (
    <>
      <div className="pin-change-banner" role="status" data-testid="pin-change-prompt">
        <span className="pin-change-text">Your PIN has fewer digits than this store now asks for. Please choose a new {pinLength}-digit PIN.</span>
        <button type="button" className="button button-ghost" onClick={() => setLater(true)} data-testid="pin-change-later">
          Later
        </button>
        <button type="button" className="button button-primary" onClick={() => setOpen(true)} data-testid="pin-change-start">
          Choose a new PIN
        </button>
      </div>
      {open ? <PinChangeDialog pinLength={pinLength} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PinChangeDialog({ pinLength, onClose }: { pinLength: number; onClose(): void }) {
  const [step, setStep] = useState<Step>('current');
  const [current, setCurrent] = useState('');
  const [first, setFirst] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const refuse = (message: string, back: Step) => {
    setProblem(message);
    setStep(back);
    setRefusals((n) => n + 1);
    return false;
  };

  const submit = async (pin: string): Promise<boolean> => {
    setProblem(null);
    if (step === 'current') {
      setCurrent(pin);
      setStep('new');
      return false; // the pad clears for the next entry
    }
    if (step === 'new') {
      if (pin.length !== pinLength) return refuse(`A new PIN has ${pinLength} digits.`, 'new');
      setFirst(pin);
      setStep('again');
      return false;
    }
    if (pin !== first) return refuse('The two entries were different. Type the new PIN again.', 'new');
    setBusy(true);
    const r = await api.call('session.changePin', { currentPin: current, newPin: pin });
    setBusy(false);
    if (r.ok) {
      onClose(); // the device's session.changed drops the flag, and the banner with it
      return true;
    }
    if (r.error.code === 'wrong_pin') return refuse(r.error.message, 'current');
    return refuse(r.error.message, r.error.code === 'invalid_input' ? 'new' : 'current');
  };

  return (
    <div className="modal-backdrop">
      <div className="modal-card" role="dialog" aria-modal="true" aria-labelledby="pin-change-title" data-testid="pin-change-dialog">
        <section className="login-pin">
          <button type="button" className="button button-ghost login-back" onClick={onClose}>
            Cancel
          </button>
          <div className="login-who">
            <h1 id="pin-change-title" className="login-title">
              Choose a new PIN
            </h1>
            <p className="login-subtitle" data-testid="pin-change-step" data-step={step}>
              {PROMPTS[step]}
              {step === 'current' ? '' : ` (${pinLength} digits, not all the same, not a run like 123456)`}
            </p>
          </div>
          <PinPad
            key={step}
            onSubmit={submit}
            busy={busy}
            refusals={refusals}
            submitLabel={step === 'again' ? 'Save new PIN' : 'Next'}
            message={problem ? <Notice tone="error" title={problem} testId="pin-change-problem" /> : undefined}
          />
        </section>
      </div>
    </div>
  );
}
