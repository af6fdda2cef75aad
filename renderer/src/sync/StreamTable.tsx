// Each stream's age and last problem, inventory first.
import type { StreamAge } from '../shell/syncHealth';
import { INVENTORY_STALE_MS } from '../shell/syncHealth';
import { formatAbsolute, formatAge } from '../format/time';

export function StreamTable({ streams, hub }: { streams: StreamAge[]; hub: boolean }) {
  return (
    <table className="data-table stream-table" data-testid="sync-streams">
      <thead>
        <tr>
          <th scope="col">Data</th>
          <th scope="col">Last update from the hub</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => {
          const stale = hub && s.stream === 'inventory' && (s.ageMs === null || s.ageMs > INVENTORY_STALE_MS);
          return (
            <tr key={s.stream} data-stream={s.stream}>
              <td className="stream-name">{s.label}</td>
              <td className="nowrap" title={s.lastSuccessAt ? formatAbsolute(s.lastSuccessAt) : undefined}>
                {s.ageMs === null ? 'Never' : `${formatAge(s.ageMs)} ago`}
              </td>
              <td>
                {!hub ? (
                  <span className="badge badge-quiet">On this device</span>
                ) : s.error ? (
                  <span className="stream-error">{s.error}</span>
                ) : stale ? (
                  <span className="badge stream-badge is-stale">Out of date</span>
                ) : (
                  <span className="badge stream-badge is-ok">Up to date</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
