// Step 1: tap your name. Step 2: enter your PIN. The side panel says which store and
// register this is, so nobody logs in on the wrong device.
import { useEffect, useRef, useState } from 'react';
import { useDeviceStore } from '../stores/deviceStore';
import { useSessionStore } from '../stores/sessionStore';
import { roleLabel } from '../format/labels';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { usePresence } from '../sync/usePresence';
import { BootstrapScreen } from './BootstrapScreen';
import { LoginAside } from './LoginAside';
import { LoginFeedback } from './LoginFeedback';
import { ManagerUnlock } from './ManagerUnlock';
import { PinPad } from './PinPad';
import { StaffTiles } from './StaffTiles';

export function LoginScreen() {
  const device = useDeviceStore((s) => s.status);
  const { phase, staff, staffError, selectedStaffId, feedback, submitting, selectStaff, login, newPin, choosePin } = useSessionStore();
  const [refusals, setRefusals] = useState(0);
  const [unlocking, setUnlocking] = useState(false);
  const selected = staff.find((p) => p.id === selectedStaffId) ?? null;
  const bootstrapping = device?.connection === 'bootstrapping';
  usePresence();

  // Staff arrive with the replica: load them again once a new register has finished setting up.
  const wasBootstrapping = useRef(false);
  useEffect(() => {
    if (wasBootstrapping.current && !bootstrapping) void useSessionStore.getState().loadStaff();
    wasBootstrapping.current = bootstrapping;
  }, [bootstrapping]);

  if (device && bootstrapping) return <BootstrapScreen status={device} />;

  const submit = async (pin: string) => {
    // Choosing a new PIN: the first entry is not a refusal, only two that differ are.
    const accepted = newPin ? await choosePin(pin) : await login(pin);
    const state = useSessionStore.getState().feedback;
    if (!accepted && !(state?.kind === 'choose_pin' && state.step !== 'mismatch')) setRefusals((n) => n + 1);
    return accepted;
  };

  return (
    <div className="login">
      <LoginAside storeName={device?.storeName ?? null} registerId={device?.registerId ?? null} demo={device?.demo ?? false} foot="Works offline. Everything you do here is kept on this device until it syncs." />

      <main className="login-main">
        {selected && unlocking ? (
          <ManagerUnlock
            person={selected}
            managers={staff.filter((p) => p.role === 'manager' && p.id !== selected.id && !p.locked)}
            onCancel={() => setUnlocking(false)}
            onDone={() => {
              setUnlocking(false);
              selectStaff(selected.id); // clears the lock message
              void useSessionStore.getState().loadStaff();
            }}
          />
        ) : selected ? (
          <section className="login-pin" aria-labelledby="pin-title">
            <button type="button" className="button button-ghost login-back" onClick={() => selectStaff(null)}>
              <Icon name="back" /> Not you?
            </button>
            <div className="login-who">
              <Avatar name={selected.displayName} size="lg" />
              <h1 id="pin-title" className="login-title">
                Hi, {selected.displayName.split(' ')[0]}
              </h1>
              <p className="login-subtitle">
                {roleLabel[selected.role]} · {newPin ? (newPin.first === null ? `Choose a new PIN (${newPin.length} to 8 digits)` : 'Type your new PIN again') : 'Enter your PIN'}
              </p>
            </div>
            <PinPad
              onSubmit={submit}
              busy={submitting}
              refusals={refusals}
              {...(newPin ? { submitLabel: newPin.first === null ? 'Next' : 'Save my PIN', minLength: newPin.length } : {})}
              message={
                feedback || selected.locked ? (
                  <LoginFeedback
                    feedback={feedback}
                    tileLocked={selected.locked}
                    {...(selected.locked || feedback?.kind === 'locked' ? { onManagerUnlock: () => setUnlocking(true) } : {})}
                  />
                ) : undefined
              }
            />
          </section>
        ) : (
          <section className="login-tiles" aria-labelledby="tiles-title">
            <h1 id="tiles-title" className="login-title">
              Who’s working?
            </h1>
            <p className="login-subtitle">Tap your name to log in.</p>
            {staffError ? <Notice tone="error" title={staffError} /> : null}
            {!staffError && staff.length === 0 && phase === 'signed_out' ? (
              <Notice tone="info" title="Nobody can log in on this register yet" testId="no-staff">
                No staff of {device?.storeName ?? 'this store'} are on this register. Ask IT to add staff for this store.
              </Notice>
            ) : null}
            <StaffTiles staff={staff} onSelect={(id) => selectStaff(id)} />
          </section>
        )}
      </main>
    </div>
  );
}
