// The merchandiser's reports of the whole chain, from the hub: what exploration is doing and
// worth, email capture in every store (with a store breakdown), and starters in every store.
import { useState } from 'react';
import { CaptureDashboard } from '../manager/CaptureDashboard';
import { ChainReport } from '../manager/ChainReport';
import { ExplorationView } from './ExplorationView';

type Tab = 'exploration' | 'capture' | 'starters';
const TABS: [Tab, string][] = [
  ['exploration', 'Exploration'],
  ['capture', 'Email capture, all stores'],
  ['starters', 'Starters, all stores'],
];

export function ChainReportsWorkspace() {
  const [tab, setTab] = useState<Tab>('exploration');
  return (
    <>
      <div className="segmented manager-tabs" role="tablist" aria-label="Chain reports">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'segment is-selected' : 'segment'} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'exploration' ? <ExplorationView /> : tab === 'capture' ? <CaptureDashboard /> : <ChainReport scope="*" />}
    </>
  );
}
