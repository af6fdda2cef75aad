import type { Identifier } from '../../../../../core/contract/index';
import { formatLoyalty } from '../../../format/mask';
import { Icon, type IconName } from '../../../ui/Icon';

const kindIcon: Record<Identifier['kind'], IconName> = { email: 'mail', phone: 'phone', loyalty: 'card' };
const kindLabel: Record<Identifier['kind'], string> = { email: 'Email', phone: 'Phone', loyalty: 'Loyalty ID' };
// The order an associate asks for them in; primary first within a kind.
const kindOrder: Record<Identifier['kind'], number> = { email: 0, phone: 1, loyalty: 2 };

function byAskingOrder(a: Identifier, b: Identifier): number {
  return kindOrder[a.kind] - kindOrder[b.kind] || Number(b.primary) - Number(a.primary);
}

export function IdentifierList({ identifiers }: { identifiers: Identifier[] }) {
  return (
    <section className="panel" aria-labelledby="ids-title">
      <h2 id="ids-title" className="panel-title">
        Contact & loyalty
      </h2>
      {identifiers.length === 0 ? (
        <p className="muted">No email, phone or loyalty ID on file. Ask at checkout.</p>
      ) : (
        <ul className="id-list" data-testid="identifiers">
          {[...identifiers].sort(byAskingOrder).map((id) => (
            <li key={`${id.kind}:${id.value}`} className="id-row">
              <span className="id-icon">
                <Icon name={kindIcon[id.kind]} size={18} />
              </span>
              <span className="id-text">
                <span className="id-kind">{kindLabel[id.kind]}</span>
                <span className="id-value">{id.kind === 'loyalty' ? formatLoyalty(id.value) : id.value}</span>
              </span>
              {id.primary ? <span className="badge badge-quiet">Primary</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
