// A new register filling its replica from the store hub, before anyone can log in: how far it
// is, how fast, and how long is left. It survives a restart: it carries on where it stopped.
import type { BootstrapProgress, DeviceStatus, StreamName } from '../../../core/contract/index';
// Imported here (not in main.tsx) so the sync screens bring their own styles.
import { STREAM_LABELS } from '../shell/syncHealth';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { LoginAside } from './LoginAside';

const ORDER: StreamName[] = ['catalog', 'inventory', 'customers', 'orders', 'merch_config'];
const count = new Intl.NumberFormat('en-US');

/** "about 3 min", "under a minute"; null when there is nothing to estimate from. */
export function timeLeft(p: BootstrapProgress): string | null {
  if (p.rowsRemaining === null || !p.rowsPerSecond) return null;
  const seconds = p.rowsRemaining / p.rowsPerSecond;
  if (seconds < 60) return 'under a minute';
  if (seconds < 3600) return `about ${Math.ceil(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

export function BootstrapScreen({ status }: { status: DeviceStatus }) {
  const p = status.bootstrap;
  const total = p && p.rowsRemaining !== null ? p.rowsApplied + p.rowsRemaining : null;
  const share = p && total ? Math.min(1, p.rowsApplied / total) : null;
  const current = p?.stream ? ORDER.indexOf(p.stream) : -1;

  return (
    <div className="login">
      <LoginAside storeName={status.storeName} registerId={status.registerId} foot="This register is new. It copies the store’s data from the hub once; after that it works offline." />

      <main className="login-main">
        <section className="bootstrap" aria-labelledby="bootstrap-title" data-testid="bootstrap">
          <div>
            <h1 id="bootstrap-title" className="bootstrap-title">
              Setting up this register
            </h1>
            <p className="bootstrap-subtitle">Copying products, stock, customers and orders from the store hub.</p>
          </div>

          <div
            className={share === null ? 'bootstrap-bar is-indeterminate' : 'bootstrap-bar'}
            role="progressbar"
            aria-label="Set-up progress"
            aria-valuemin={0}
            aria-valuemax={100}
            {...(share === null ? {} : { 'aria-valuenow': Math.round(share * 100) })}
          >
            <span className="bootstrap-bar-fill" style={share === null ? undefined : { width: `${share * 100}%` }} />
          </div>

          <dl className="bootstrap-figures">
            <div className="bootstrap-figure">
              <dt>Rows copied</dt>
              <dd data-testid="bootstrap-rows">
                {count.format(p?.rowsApplied ?? 0)}
                {total !== null ? <span className="bootstrap-of"> of {count.format(total)}</span> : null}
              </dd>
            </div>
            <div className="bootstrap-figure">
              <dt>Speed</dt>
              <dd>{p?.rowsPerSecond ? `${count.format(p.rowsPerSecond)} rows/s` : '—'}</dd>
            </div>
            <div className="bootstrap-figure">
              <dt>Time left</dt>
              <dd>{(p && timeLeft(p)) ?? '—'}</dd>
            </div>
          </dl>

          <ol className="bootstrap-steps" aria-label="What is copied">
            {ORDER.map((stream, i) => (
              <li key={stream} className={i < current ? 'bootstrap-step is-done' : i === current ? 'bootstrap-step is-current' : 'bootstrap-step'}>
                {i < current ? <Icon name="check" size={14} /> : null}
                {STREAM_LABELS[stream]}
              </li>
            ))}
          </ol>

          {p?.problem ? (
            <Notice tone="warning" title="Waiting for the hub" testId="bootstrap-problem">
              {p.problem} It keeps trying by itself and carries on where it stopped.
            </Notice>
          ) : (
            <p className="bootstrap-note">You can leave this screen running. If the register restarts, it carries on where it stopped.</p>
          )}
        </section>
      </main>
    </div>
  );
}
