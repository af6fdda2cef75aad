// Affinity CSV files at the sizes and shapes merchandisers really pick (issue 19): a 1.5 MB file
// imports through the web host (it used to fail with HTTP 413), and a PNG chosen by mistake is
// refused by its content with a plain message.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { logInAs } from './pages/sale.js';
import { MerchPage } from './pages/MerchPage.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d0b8a80000000049454e44ae426082', 'hex');

describe('affinity CSV import', () => {
  const app = useAppUnderTest();

  it('imports a 1.5 MB file', async () => {
    const { page } = app();
    await logInAs(app(), 'Priya Shah');
    const merch = new MerchPage(page);
    await merch.open();
    const [header, first] = parse((await merch.exportCsv()).csv) as string[][];
    const column = (name: string) => header!.indexOf(name);
    const rows = Array.from({ length: 2800 }, (_, i) =>
      first!.map((value, c) => (c === column('id') ? `bulk-${i}` : c === column('note') ? `Bulk row ${i}: ${'a long merchandising note '.repeat(18)}`.slice(0, 480) : value)),
    );
    const csv = stringify([header!, ...rows]);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1_500_000);

    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByTestId('csv-import');
    await dialog.getByTestId('csv-file').setInputFiles({ name: 'affinities-large.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // 2,800 rows are checked, saved and listed: give it more than a click's time.
    await dialog.getByTestId('csv-report').waitFor({ timeout: 90_000 });
    expect(await dialog.getByTestId('csv-report').getAttribute('data-imported')).toBe('true');
    expect(await dialog.getByTestId('csv-report').innerText()).toContain('2800 added');
  });

  it('refuses a PNG by its content, in plain words', async () => {
    const { page } = app();
    await logInAs(app(), 'Priya Shah');
    const merch = new MerchPage(page);
    await merch.open();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByTestId('csv-import');
    await dialog.getByTestId('csv-file').setInputFiles({ name: 'affinities.csv', mimeType: 'text/csv', buffer: PNG });
    const refused = dialog.getByTestId('csv-rejected');
    await refused.waitFor();
    const text = await refused.innerText();
    expect(text).toContain('This is not a CSV file');
    expect(text).not.toMatch(/[\u0000\uFFFD]|PNG|IHDR/);
    await app().screenshot('csv-import-png-refused');
  });
});
