// How each kind of starter looks: a short label the associate can read at a glance, an icon
// and a colour. Incentives are labelled by what is offered.
import type { IncentiveKind, Starter, StarterKind } from '../../../../../core/contract/index';
import type { IconName } from '../../../ui/Icon';

export type StarterTone = 'teal' | 'green' | 'violet' | 'blue' | 'gold' | 'orange' | 'amber' | 'rose';

interface KindLook {
  label: string;
  icon: IconName;
  tone: StarterTone;
}

export const kindLook: Record<StarterKind, KindLook> = {
  cross_sell: { label: 'Cross-sell', icon: 'link', tone: 'teal' },
  replenishment: { label: 'Refill due', icon: 'repeat', tone: 'green' },
  new_arrival: { label: 'New arrival', icon: 'sparkle', tone: 'violet' },
  check_in: { label: 'Check in', icon: 'chat', tone: 'blue' },
  vip_care: { label: 'VIP care', icon: 'star', tone: 'gold' },
  win_back: { label: 'Win back', icon: 'heart', tone: 'orange' },
  in_stock_alternative: { label: 'In-stock alternative', icon: 'swap', tone: 'amber' },
  incentive: { label: 'Incentive', icon: 'gift', tone: 'rose' },
  store_pick: { label: 'Store pick', icon: 'sparkle', tone: 'blue' },
  usual: { label: 'Their usual', icon: 'repeat', tone: 'green' },
};

export const incentiveLook: Record<IncentiveKind, { label: string; icon: IconName }> = {
  free_shipping: { label: 'Free delivery', icon: 'truck' },
  early_access: { label: 'Early access', icon: 'key' },
  sample: { label: 'Sample', icon: 'gift' },
  scarcity: { label: 'Last chance', icon: 'hourglass' },
  concierge: { label: 'Concierge', icon: 'bell' },
};

/** "Cross-sell", or "Incentive · Free delivery". */
export function lookOf(starter: Pick<Starter, 'kind' | 'incentive'>): KindLook {
  const base = kindLook[starter.kind];
  if (starter.kind !== 'incentive' || !starter.incentive) return base;
  const inc = incentiveLook[starter.incentive];
  return { label: `${base.label} · ${inc.label}`, icon: inc.icon, tone: base.tone };
}
