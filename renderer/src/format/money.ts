// Money arrives as integer cents; show it as a shopper would read it.
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatMoney(cents: number): string {
  return usd.format(cents / 100);
}

/** For headline figures where cents are noise ($12,480). */
export function formatMoneyWhole(cents: number): string {
  return usdWhole.format(Math.round(cents / 100));
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
