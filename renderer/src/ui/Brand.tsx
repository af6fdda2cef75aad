// The Endcap mark: a shelf end with three facings, in the primary ink.
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const px = size === 'lg' ? 40 : 28;
  return (
    <span className={`brand brand-${size}`}>
      <svg width={px} height={px} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect x="1" y="1" width="30" height="30" rx="8" className="brand-tile" />
        <rect x="8" y="8" width="16" height="3.2" rx="1.6" className="brand-shelf" />
        <rect x="8" y="14.4" width="11" height="3.2" rx="1.6" className="brand-shelf" />
        <rect x="8" y="20.8" width="16" height="3.2" rx="1.6" className="brand-shelf" />
      </svg>
      <span className="brand-word">Endcap</span>
    </span>
  );
}
