// "3 weeks ago", with the exact date and time on hover for whoever needs it.
import { formatAbsolute, formatRelative } from '../format/time';
import { useNow } from './useNow';

export function RelativeTime({ iso, fallback = '—' }: { iso: string | null; fallback?: string }) {
  const now = useNow();
  if (!iso) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
