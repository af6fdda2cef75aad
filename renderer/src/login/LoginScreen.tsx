// Step 1: tap your name. Step 2: enter your PIN. The side panel says which store and
// register this is, so nobody logs in on the wrong device.
import { useState } from 'react';
import { useDeviceStore } from '../stores/deviceStore';
import { useSessionStore } from '../stores/sessionStore';
import { roleLabel } from '../format/labels';
import { Avatar } from '../ui/Avatar';
import { Brand } from '../ui/Brand';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { LoginClock } from './LoginClock';
import { LoginFeedback } from './LoginFeedback';
import { PinPad } from './PinPad';
import { StaffTiles } from './StaffTiles';

export function LoginScreen() {
  const device = useDeviceStore((s) => s.status);
  const { staff, staffError, selectedStaffId, feedback, submitting, selectStaff, login } = useSessionStore();
  const [refusals, setRefusals] = useState(0);
  const selected = staff.find((p) => p.id === selectedStaffId) ?? null;

  const submit = async (pin: string) => {
    const accepted = await login(pin);
    if (!accepted) setRefusals((n) => n + 1);
    return accepted;
  };

  return (
    <div className="login">
      <aside className="login-aside">
        <Brand size="lg" />
        <LoginClock />
        <dl className="login-place">
          <div>
            <dt>
              <Icon name="store" size={18} /> Store
            </dt>
            <dd>{device?.storeName ?? '…'}</dd>
          </div>
          <div>
            <dt>
              <Icon name="register" size={18} /> Register
            </dt>
            <dd>{device?.registerId ?? '…'}</dd>
          </div>
        </dl>
        <p className="login-foot">Works offline. Everything you do here is kept on this device until it syncs.</p>
      </aside>

      <main className="login-main">
        {selected ? (
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
                {roleLabel[selected.role]} · Enter your PIN
              </p>
            </div>
            <PinPad
              onSubmit={submit}
              busy={submitting}
              refusals={refusals}
              message={feedback || selected.locked ? <LoginFeedback feedback={feedback} tileLocked={selected.locked} /> : undefined}
            />
          </section>
        ) : (
          <section className="login-tiles" aria-labelledby="tiles-title">
            <h1 id="tiles-title" className="login-title">
              Who’s working?
            </h1>
            <p className="login-subtitle">Tap your name to log in.</p>
            {staffError ? <Notice tone="error" title={staffError} /> : null}
            <StaffTiles staff={staff} onSelect={(id) => selectStaff(id)} />
          </section>
        )}
      </main>
    </div>
  );
}
