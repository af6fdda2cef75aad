// The device's link to its hub, as one coloured pill: short in the status bar, spelled out in the panel.
import type { DeviceStatus } from '../../../core/contract/index';

const CONNECTION: Record<DeviceStatus['connection'], { short: string; long: string; tone: string }> = {
  standalone: { short: 'Standalone', long: 'Standalone — no hub configured', tone: 'neutral' },
  online: { short: 'Online', long: 'Online — in sync with the store hub', tone: 'good' },
  offline: { short: 'Offline', long: 'Offline — changes are kept and sent later', tone: 'warn' },
  bootstrapping: { short: 'Setting up', long: 'Setting up from the store hub', tone: 'neutral' },
};

export function ConnectionPill({ connection, long = false, testId = 'connection' }: { connection: DeviceStatus['connection']; long?: boolean; testId?: string }) {
  const c = CONNECTION[connection];
  return (
    <span className={`status-pill tone-${c.tone}`} title={long ? undefined : c.long} data-testid={testId} data-connection={connection}>
      {/* The long form is the short one spelled on; a narrow bar drops the rest (shell.css). */}
      <span className="status-dot" />
      <span>
        {c.short}
        {long ? <span className="status-pill-more">{c.long.slice(c.short.length)}</span> : null}
      </span>
    </span>
  );
}
