// The side panel of the screens before anyone is logged in: brand, clock, and which store and
// register this is.
import { Brand } from '../ui/Brand';
import { Icon } from '../ui/Icon';
import { LoginClock } from './LoginClock';

export function LoginAside({ storeName, registerId, foot, demo = false }: { storeName: string | null; registerId: string | null; foot: string; demo?: boolean }) {
  return (
    <aside className="login-aside">
      <Brand size="lg" />
      <LoginClock />
      {demo ? (
        <p className="login-demo" data-testid="demo-badge">
          <Icon name="sparkle" size={16} /> Demo data · sample store, public PINs
        </p>
      ) : null}
      <dl className="login-place">
        <div>
          <dt>
            <Icon name="store" size={18} /> Store
          </dt>
          <dd>{storeName || '…'}</dd>
        </div>
        <div>
          <dt>
            <Icon name="register" size={18} /> Register
          </dt>
          <dd>{registerId || '…'}</dd>
        </div>
      </dl>
      <p className="login-foot">{foot}</p>
    </aside>
  );
}
