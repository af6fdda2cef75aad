import { initials } from '../format/labels';

// Initials on a tint picked from the name, so the same person always has the same colour.
const TINTS = 6;

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (
    <span className={`avatar avatar-${size} tint-${hash % TINTS}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
