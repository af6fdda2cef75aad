// What this register runs on first (set-up, recovery), then login or the shell, depending on
// whether someone is logged in on this register.
import { useEffect } from 'react';
import { useSessionStore } from '../stores/sessionStore';
import { useSetupStore } from '../stores/setupStore';
import { connectStores } from '../stores/connect';
import { LoginScreen } from '../login/LoginScreen';
import { RecoveryScreen } from '../setup/RecoveryScreen';
import { SetupScreen } from '../setup/SetupScreen';
import { Brand } from '../ui/Brand';
import { Shell } from './Shell';
import { CloseCheck } from './CloseCheck';

export function App() {
  const setup = useSetupStore((s) => s.status);
  const unreachable = useSetupStore((s) => s.unreachable);
  const ready = setup?.phase === 'ready';
  useEffect(() => void useSetupStore.getState().load(), []);
  // The stores talk to the replica: only once there is one.
  useEffect(() => (ready ? connectStores() : undefined), [ready]);

  if (setup?.phase === 'choose') return <SetupScreen />;
  if (setup?.phase === 'recovery') return <RecoveryScreen status={setup} />;
  if (!ready) return <Splash text={unreachable ? `The device service cannot be reached: ${unreachable}` : 'Starting…'} />;
  return <Running />;
}

function Running() {
  const phase = useSessionStore((s) => s.phase);
  const session = useSessionStore((s) => s.session);
  if (phase === 'starting') return <Splash text="Starting…" />;
  return (
    <>
      {session ? <Shell session={session} /> : <LoginScreen />}
      <CloseCheck />
    </>
  );
}

function Splash({ text }: { text: string }) {
  return (
    <div className="splash" aria-busy="true">
      <Brand size="lg" />
      <span className="splash-text">{text}</span>
    </div>
  );
}
