// Catalog colour names → what a swatch shows. Two-tone names ('Black/White') show both halves;
// an unknown name shows a neutral swatch with its initial rather than a wrong colour.
const NAMED: Record<string, string> = {
  black: '#1d2227', white: '#f7f7f5', navy: '#1f2f57', olive: '#6b6b2e', slate: '#5b6770', sand: '#d6c29b',
  graphite: '#3f4449', 'burnt orange': '#c0581f', 'forest green': '#2f5a3a', 'lake blue': '#3a7cb0', 'red clay': '#a9483a',
  'heather gray': '#a3a7ab', rust: '#a54b23', burgundy: '#6e1f31', sage: '#9cae8f', charcoal: '#3b3f44', 'sky blue': '#8cc3e8',
  clay: '#b7775b', 'dusk purple': '#6b5b8e', mustard: '#d1a22a', evergreen: '#24483a', gray: '#8b9196', blue: '#2f6fb2',
  'triple black': '#111417', coral: '#ef7d6b', teal: '#1f8a8a', brown: '#6a4a32', stone: '#b9b2a5', cream: '#f1e8d2',
  terracotta: '#c46a47', 'speckled blue': '#5b7fa6', orange: '#e07a2e', red: '#c23b32', green: '#3f8a4f', silver: '#c2c6ca',
  pink: '#e89ab4', yellow: '#e6c23a', purple: '#71509a', tan: '#c8a97e', khaki: '#b3a679', ivory: '#f4efe2',
};

export interface SwatchColours {
  colours: string[];
  /** Shown when the name is not one we can paint. */
  initial: string | null;
}

export function swatchFor(name: string | null): SwatchColours | null {
  if (!name) return null;
  const parts = name.toLowerCase().split('/').map((p) => p.trim());
  const colours = parts.map((p) => NAMED[p]).filter((c): c is string => !!c);
  if (colours.length === parts.length) return { colours, initial: null };
  return { colours: [], initial: name.trim().charAt(0).toUpperCase() };
}
