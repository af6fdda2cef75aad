// Login or the shell, depending on whether someone is logged in on this register.
import { useSessionStore } from '../stores/sessionStore';
import { LoginScreen } from '../login/LoginScreen';
import { Brand } from '../ui/Brand';
import { Shell } from './Shell';
import { CloseCheck } from './CloseCheck';

export function App() {
  const phase = useSessionStore((s) => s.phase);
  const session = useSessionStore((s) => s.session);

  if (phase === 'starting') {
    return (
      <div className="splash" aria-busy="true">
        <Brand size="lg" />
        <span className="splash-text">Starting…</span>
      </div>
    );
  }
  return (
    <>
      {session ? <Shell session={session} /> : <LoginScreen />}
      <CloseCheck />
    </>
  );
}
