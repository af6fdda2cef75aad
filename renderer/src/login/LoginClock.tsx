// A large clock on the lock screen: the register looks alive, and shift times are at hand.
import { useNow } from '../ui/useNow';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

export function LoginClock() {
  const now = new Date(useNow(10_000));
  return (
    <div className="login-clock">
      <span className="login-time">{time.format(now)}</span>
      <span className="login-date">{day.format(now)}</span>
    </div>
  );
}
