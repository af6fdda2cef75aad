import type { Session } from '../../../core/contract/index';
import { roleLabel } from '../format/labels';
import { Avatar } from '../ui/Avatar';
import { Brand } from '../ui/Brand';
import { Icon } from '../ui/Icon';
import type { Workspace } from './workspaces';

interface TopBarProps {
  session: Session;
  workspaces: Workspace[];
  activeId: Workspace['id'] | undefined;
  onNavigate: (id: Workspace['id']) => void;
  onLogout: () => void;
}

export function TopBar({ session, workspaces, activeId, onNavigate, onLogout }: TopBarProps) {
  return (
    <header className="topbar">
      <Brand />
      <nav className="topbar-nav" aria-label="Workspaces">
        {workspaces.map((w) => (
          <button
            key={w.id}
            type="button"
            className={w.id === activeId ? 'nav-tab is-active' : 'nav-tab'}
            aria-current={w.id === activeId ? 'page' : undefined}
            onClick={() => onNavigate(w.id)}
          >
            {w.label}
          </button>
        ))}
      </nav>
      <div className="topbar-user" data-testid="current-user">
        <Avatar name={session.displayName} size="sm" />
        <span className="topbar-user-text">
          <span className="topbar-user-name">{session.displayName}</span>
          <span className="topbar-user-role">{roleLabel[session.role]}</span>
        </span>
      </div>
      <button type="button" className="button button-secondary" onClick={onLogout}>
        <Icon name="logout" size={18} /> Log out
      </button>
    </header>
  );
}
