// The merchandiser's incentive rules carry their evidence (issue 16): per shopper type the
// measured uplift of reaching out, its 95 % interval, the data it comes from, and whether the
// default was kept because its interval cleared the cost — the numbers the device read from
// core/merch/incentiveEvidence.json (written by `npm run eval:incentives`), at 1024×768.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { staffNamed } from './demo.js';
import { LoginPage } from './pages/LoginPage.js';
import { MerchPage } from './pages/MerchPage.js';

const MERCHANDISER = 'Priya Shah';
const evidence = JSON.parse(fs.readFileSync(path.join(__dirname, '../../core/merch/incentiveEvidence.json'), 'utf8')) as {
  source: string;
  types: { type: string; uplift: number; ci95: [number, number]; seedRule: string[]; clearsCost: boolean }[];
};

describe('incentive evidence in the offer rules', () => {
  const app = useAppUnderTest();

  it('shows each seed rule with its measured uplift, interval, source and why its default was kept', async () => {
    const { page } = app();
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.logIn(MERCHANDISER, staffNamed(MERCHANDISER).pin);
    const merch = new MerchPage(page);
    await merch.open();
    await page.setViewportSize({ width: 1024, height: 768 });
    await merch.tab('Guardrails');
    const list = page.getByTestId('incentive-evidence');
    await list.waitFor();
    await list.scrollIntoViewIfNeeded();

    const firstTimer = list.locator('li[data-type="first_timer"]');
    const e = evidence.types.find((t) => t.type === 'first_timer')!;
    const text = await firstTimer.innerText();
    // The file's numbers, per 100 shoppers, with the interval and the verdict in words.
    expect(text).toContain(`+${(e.uplift * 100).toFixed(1)} visits per 100 shoppers`);
    expect(text).toContain(`95 % interval +${(e.ci95[0] * 100).toFixed(1)} to +${(e.ci95[1] * 100).toFixed(1)}`);
    expect(text).toMatch(/so the default was kept: Free home delivery/);
    expect(await firstTimer.getAttribute('data-kept')).toBe(e.clearsCost && e.seedRule.length ? 'yes' : 'no');
    expect(await list.locator('li[data-type="regular"]').innerText()).toMatch(/cannot say which incentive/);
    expect(await list.locator('li[data-type="big_cart"]').innerText()).toMatch(/^Big baskets Not measured/);
    expect(await list.locator('.incentive-evidence-source').innerText()).toContain(evidence.source);
    // Readable at 1024 px: the list fits the panel, nothing runs off to the side.
    const box = (await list.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await list.locator('.incentive-evidence-source').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'merch-incentive-evidence.png'), animations: 'disabled' });
  });
});
