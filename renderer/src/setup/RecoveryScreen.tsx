// The register's data was found damaged at start and moved aside: say what happened in plain
// words (where the file went, what unsent work was kept) and rebuild only when a person says so.
// Never a silent demo.
import { useState } from 'react';
import type { SetupStatus } from '../../../core/contract/index';
import { LoginAside } from '../login/LoginAside';
import { useSetupStore } from '../stores/setupStore';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { ConnectForm } from './ConnectForm';
import { PROBLEM_TITLES } from './problemTitles';
import { SetupChoices } from './SetupScreen';

export function RecoveryScreen({ status }: { status: SetupStatus }) {
  const { busy, problem, rebuild } = useSetupStore();
  const [connecting, setConnecting] = useState(false);
  const r = status.recovery!;
  const kept = r.outboxCarried;

  if (connecting) {
    return (
      <div className="login">
        <LoginAside storeName="Being repaired" registerId="—" foot="Connecting to the hub rebuilds this register’s data from it." />
        <main className="login-main">
          <ConnectForm onBack={() => setConnecting(false)} />
        </main>
      </div>
    );
  }

  return (
    <div className="login">
      <LoginAside storeName="Being repaired" registerId="—" foot="Nothing was deleted: the damaged file stays where it was moved, for IT to look at." />
      <main className="login-main">
        <section className="setup" aria-labelledby="recovery-title" data-testid="recovery">
          <div>
            <h1 id="recovery-title" className="login-title">
              This register’s data was damaged
            </h1>
            <p className="login-subtitle">{status.hub ? 'Nothing unsent was lost. Rebuild it from the store hub to carry on.' : 'Nothing unsent was lost. Connect it to the store hub to rebuild it.'}</p>
          </div>

          <ul className="setup-facts">
            <li>
              <Icon name="check" size={18} className="setup-fact-icon" />
              <span>
                The damaged file was moved aside, untouched: <code data-testid="recovery-moved-to">{r.movedTo}</code>
              </span>
            </li>
            <li className={r.outboxUnreadable ? 'setup-fact-warn' : undefined}>
              <Icon name={r.outboxUnreadable ? 'alert' : 'check'} size={18} className="setup-fact-icon" />
              <span data-testid="recovery-kept">
                {r.outboxUnreadable
                  ? 'Its unsent work could not be read; the damaged file still holds it for IT.'
                  : kept === 0
                    ? 'Nothing was waiting to be sent.'
                    : `${kept} unsent ${kept === 1 ? 'event was' : 'events were'} kept and will be sent to the hub${status.hub ? '' : ' once this register is connected'}.`}
              </span>
            </li>
            <li className="setup-fact-quiet">
              <Icon name="info" size={18} className="setup-fact-icon" />
              <span>What was found: {r.reason}</span>
            </li>
          </ul>

          {status.hub ? (
            <div className="setup-actions">
              <button type="button" className="button button-primary button-lg" onClick={() => void rebuild()} disabled={busy !== null} data-testid="rebuild">
                <Icon name="sync" /> {busy === 'rebuild' ? 'Starting…' : 'Rebuild from hub'}
              </button>
              <span className="setup-help">Copies products, stock, customers and staff again from {status.hub.url}.</span>
            </div>
          ) : (
            <SetupChoices
              onConnect={() => setConnecting(true)}
              hubText="Enter the code IT gives you; the register rebuilds from the hub and sends what was kept."
              demoTitle="Start again on the demo store"
              demoText="Sample data to explore the app; nothing is sent anywhere."
            />
          )}
          {problem ? <Notice tone="error" title={PROBLEM_TITLES[problem.reason]}>{problem.message}</Notice> : null}
        </section>
      </main>
    </div>
  );
}
