// The store manager's back-office workspace: email capture first, and the store's staff.
import { useState } from 'react';
import { CaptureDashboard } from './CaptureDashboard';
import { StaffAdmin } from './StaffAdmin';

type View = 'capture' | 'staff';
const VIEWS: { id: View; label: string }[] = [
  { id: 'capture', label: 'Email capture' },
  { id: 'staff', label: 'Staff' },
];

export function ManagerWorkspace() {
  const [view, setView] = useState<View>('capture');
  return (
    <>
      <nav className="manager-tabs" role="tablist" aria-label="Manager">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" role="tab" aria-selected={v.id === view} className={v.id === view ? 'manager-tab is-selected' : 'manager-tab'} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>
      {view === 'capture' ? <CaptureDashboard /> : <StaffAdmin />}
    </>
  );
}
