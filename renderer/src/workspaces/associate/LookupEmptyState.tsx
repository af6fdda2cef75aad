// Before the first search: what can be typed, with examples in the formats people say them.
import { Icon, type IconName } from '../../ui/Icon';

const WAYS: Array<{ icon: IconName; title: string; example: string }> = [
  { icon: 'mail', title: 'Email', example: 'jane.doe@gmail.com' },
  { icon: 'phone', title: 'Phone', example: '303.555.0142 or +1 303 555 0142' },
  { icon: 'card', title: 'Loyalty ID', example: 'EC-1000-0001 or ec10000001' },
  { icon: 'user', title: 'Name', example: 'doe jane — either order' },
];

export function LookupEmptyState() {
  return (
    <div className="lookup-empty">
      <p className="lookup-empty-lead">Ask the customer for any one of these. Any format works.</p>
      <ul className="ways">
        {WAYS.map((w) => (
          <li key={w.title} className="way">
            <span className="way-icon">
              <Icon name={w.icon} size={22} />
            </span>
            <span className="way-title">{w.title}</span>
            <span className="way-example">{w.example}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
