// A callout: errors from the API, warnings, and helpful empty states share one look.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Tone = 'error' | 'warning' | 'info';
const toneIcon: Record<Tone, IconName> = { error: 'alert', warning: 'alert', info: 'info' };

export function Notice({
  tone,
  title,
  children,
  testId,
}: {
  tone: Tone;
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <Icon name={toneIcon[tone]} size={22} className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">{title}</p>
        {children ? <div className="notice-text">{children}</div> : null}
      </div>
    </div>
  );
}
