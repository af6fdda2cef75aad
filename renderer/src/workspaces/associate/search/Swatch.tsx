// A colour swatch for a product; a quiet tile with the category's initial when it has no colour.
import { swatchFor } from './colours';

export function Swatch({ color, fallback, size = 'md' }: { color: string | null; fallback: string; size?: 'sm' | 'md' | 'lg' }) {
  const s = swatchFor(color);
  if (s && s.colours.length > 0) {
    const background =
      s.colours.length === 1 ? s.colours[0] : `linear-gradient(135deg, ${s.colours[0]} 0 50%, ${s.colours[1]} 50% 100%)`;
    return <span className={`swatch swatch-${size}`} style={{ background }} title={color ?? undefined} aria-label={`Colour: ${color}`} role="img" />;
  }
  return (
    <span className={`swatch swatch-${size} swatch-blank`} aria-hidden="true">
      {s?.initial ?? fallback.charAt(0).toUpperCase()}
    </span>
  );
}
