import { describe, expect, it } from 'vitest';
import type { HistoryLine } from './context.js';
import { closeness, departmentOf, misfit, personProfile } from './person.js';

const line = (title: string, categoryId: string, unitPriceCents: number, size: string | null = null, brand = 'Acme'): HistoryLine => ({
  sku: title, title, categoryId, placedAt: '2026-01-01T00:00:00Z', daysAgo: 10, unitPriceCents, discountCents: 0, quantity: 1, size, brand,
});
const product = (title: string, categoryId: string, priceCents: number, size: string | null = null, brand = 'Other') => ({ title, categoryId, priceCents, size, brand });

describe('fit the person', () => {
  const runner = personProfile([
    line("Pace Tight, Women's, Black, M", 'apparel/bottoms/tights', 6000, 'M'),
    line("Pace Top, Women's, Navy, M", 'apparel/tops/tees', 4000, 'M'),
    line("Pace Tee, Women's, Gray, M", 'apparel/tops/tees', 3500, 'M'),
    line("Road Shoe, Women's, Teal, 7.5", 'footwear/running/shoes', 12000, '7.5'),
  ]);

  it('reads the department from the title', () => {
    expect(departmentOf("Ridge Parka, Men's, Olive, L")).toBe("men's");
    expect(departmentOf('Ridgeline 2 Tent, 2-Person, Olive')).toBeNull();
    expect(runner.department).toBe("women's");
  });

  it('refuses the other department, a size they do not take and a price far above theirs', () => {
    expect(misfit(product("Pace Tight, Men's, Black, M", 'apparel/bottoms/tights', 6000, 'M'), runner)).toBe('department');
    expect(misfit(product("Storm Jacket, Women's, Red, XL", 'apparel/outerwear/rain', 9000, 'XL'), runner)).toBe('size');
    expect(misfit(product("Trail Shoe, Women's, Gray, 8", 'footwear/trail/shoes', 13000, '8'), runner)).toBeNull(); // half a size off fits
    expect(misfit(product("Trail Shoe, Women's, Gray, 9", 'footwear/trail/shoes', 13000, '9'), runner)).toBe('size');
    expect(misfit(product("Down Hoodie, Women's, Black, M", 'apparel/tops/hoodies', 45000, 'M'), runner)).toBe('price_band');
    expect(misfit(product('Camp Stove', 'outdoor/camping/stoves', 9000), runner)).toBeNull(); // nothing known: fits
  });

  it('lets both departments through for someone who buys for others too', () => {
    const family = personProfile([line("Tee, Women's, M", 'apparel/tops/tees', 3000, 'M'), line("Tee, Men's, L", 'apparel/tops/tees', 3000, 'L')]);
    expect(family).toMatchObject({ department: null, buysForOthers: true });
    expect(misfit(product("Fleece, Men's, Gray, L", 'apparel/tops/fleece', 5000, 'L'), family)).toBeNull();
  });

  it('counts a brand as theirs only when they bought it on two days: one purchase is chance', () => {
    const on = (day: string, brand: string): HistoryLine => ({ ...line(`${brand} Sock`, 'footwear/socks', 2000, null, brand), placedAt: `${day}T10:00:00Z` });
    const person = personProfile([on('2026-01-01', 'Waypoint'), on('2026-02-01', 'Loam'), on('2026-03-01', 'Loam'), on('2026-03-01', 'Bramble'), on('2026-03-01', 'Bramble')]);
    expect(person.brands.get('Loam')).toBeCloseTo(0.4);
    expect(person.brands.has('Waypoint')).toBe(false);
    expect(person.brands.has('Bramble')).toBe(false); // two lines of one visit: one choice
  });

  it('is closer for a brand they buy at a price they pay', () => {
    const near = closeness(product("Tee, Women's, M", 'apparel/tops/tees', 4500, 'M', 'Acme'), runner);
    const far = closeness(product("Tee, Women's, M", 'apparel/tops/tees', 30000, 'M', 'Other'), runner);
    expect(near).toBeGreaterThan(far);
  });
});
