// The store manager's back-office workspace. Email capture is its first screen.
import { CaptureDashboard } from './CaptureDashboard';

export function ManagerWorkspace() {
  return <CaptureDashboard />;
}
