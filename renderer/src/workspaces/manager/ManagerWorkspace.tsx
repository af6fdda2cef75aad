// The store manager's back-office workspace: email capture on this register, and the hub's
// report of every register (starters, lift, exploration).
import { useState } from 'react';
import { CaptureDashboard } from './CaptureDashboard';
import { ChainReport } from './ChainReport';

type Tab = 'capture' | 'chain';

export function ManagerWorkspace() {
  const [tab, setTab] = useState<Tab>('capture');
  return (
    <>
      <div className="segmented manager-tabs" role="tablist" aria-label="Manager reports">
        {(
          [
            ['capture', 'Email capture'],
            ['chain', 'Starters, all registers'],
          ] as const
        ).map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'segment is-selected' : 'segment'} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'capture' ? <CaptureDashboard /> : <ChainReport />}
    </>
  );
}
