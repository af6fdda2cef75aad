// Tells the associate how their text was read, so a surprising result explains itself.
import type { LookupResult } from '../../../../core/contract/index';
import { matchedByLabel } from '../../format/labels';
import { formatLoyalty } from '../../format/mask';

/** `elsewhere`: nobody here, but the hub found a customer of another store (shown below as visiting). */
export function LookupHint({ result, elsewhere = false }: { result: LookupResult; elsewhere?: boolean }) {
  const shown = result.interpretedAs === 'loyalty' ? formatLoyalty(result.normalized) : result.normalized;
  const count = result.matches.length;
  return (
    <p className="lookup-hint" data-testid="lookup-hint" data-interpreted-as={result.interpretedAs}>
      <span>
        Searched as <strong>{matchedByLabel[result.interpretedAs]}</strong>
      </span>
      <code className="lookup-normalized" data-testid="lookup-normalized">
        {shown}
      </code>
      <span className="lookup-count">
        {count === 0 ? (elsewhere ? 'At another store' : 'No matches') : `${count}${result.truncated ? '+' : ''} ${count === 1 ? 'match' : 'matches'}`}
      </span>
    </p>
  );
}
