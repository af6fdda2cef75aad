// The one frame around every workspace: top bar, the workspace, status bar.
import { Suspense, useState } from 'react';
import type { Session } from '../../../core/contract/index';
import { useSessionStore } from '../stores/sessionStore';
import { Notice } from '../ui/Notice';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useLogoutCheck } from './LogoutCheck';
import { UpdateNotice } from './UpdateNotice';
import { PinChangePrompt } from './PinChangePrompt';
import { homeWorkspaceFor, workspacesFor, type Workspace } from './workspaces';

export function Shell({ session }: { session: Session }) {
  const logout = useSessionStore((s) => s.logout);
  const logoutCheck = useLogoutCheck(logout);
  const available = workspacesFor(session.role);
  const [chosen, setChosen] = useState<Workspace['id'] | undefined>(undefined);
  const active = available.find((w) => w.id === (chosen ?? homeWorkspaceFor(session.role))) ?? available[0];
  const Content = active?.component;

  return (
    <div className="shell">
      <TopBar
        session={session}
        workspaces={available}
        activeId={active?.id}
        onNavigate={setChosen}
        onLogout={() => void logoutCheck.request()}
      />
      {logoutCheck.panel}
      {/* One grid row for the slim notices under the top bar (empty most of the time). */}
      <div className="shell-notices">
        <UpdateNotice />
        <PinChangePrompt />
      </div>
      <main className="workspace" id="main">
        {Content ? (
          <Suspense fallback={<p className="workspace-loading">Loading…</p>}>
            <Content />
          </Suspense>
        ) : (
          <Notice tone="info" title="Nothing to show for your role on this device yet." />
        )}
      </main>
      <StatusBar session={session} />
    </div>
  );
}
