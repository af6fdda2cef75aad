// What every screen must hold at a tablet's size (issue 19): nothing scrolls sideways, the
// screen's primary action is on screen, data in table cells is not cut, touch targets are big
// enough for a thumb, and axe-core finds no serious or critical WCAG 2.1 A/AA violation.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

const AXE_SOURCE = fs.readFileSync(path.resolve(__dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Smallest target for a thumb at the counter (the issue's ≥ 44 px). */
export const MIN_TOUCH_PX = 44;

export interface ScreenCheck {
  /** Used in messages and the screenshot's file name. */
  name: string;
  /** The action the screen is for: it must be inside the viewport without scrolling. */
  primary: Locator;
  /** Other things that must be on screen without scrolling (e.g. capture's consent switches). */
  visible?: Locator[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs every check on the screen as it is now; returns one line per problem (empty: all good). */
export async function auditScreen(page: Page, size: string, check: ScreenCheck): Promise<string[]> {
  const where = `[${size} ${check.name}]`;
  await page.screenshot({ path: screenshotPath(`layout-${size}-${check.name}`), animations: 'disabled' });
  const problems: string[] = [];
  const viewport = page.viewportSize()!;

  const mustSee = [['primary action', check.primary] as const, ...(check.visible ?? []).map((l, i) => [`required element ${i + 1}`, l] as const)];
  for (const [what, locator] of mustSee) {
    const box = (await locator.first().count()) ? await locator.first().evaluate(shownBox) : null;
    if (!box) problems.push(`${where} ${what} is not shown (${String(locator)})`);
    else if (box.clipped) problems.push(`${where} ${what} is cut off by a scrolling box around it (${String(locator)})`);
    else if (box.x < 0 || box.y < 0 || box.x + box.width > viewport.width + 0.5 || box.y + box.height > viewport.height + 0.5) {
      problems.push(`${where} ${what} is outside the ${viewport.width}×${viewport.height} viewport at y=${Math.round(box.y)}..${Math.round(box.y + box.height)} (${String(locator)})`);
    }
  }

  const measured = await page.evaluate(measureLayout, MIN_TOUCH_PX);
  problems.push(...measured.map((p) => `${where} ${p}`));

  // Evaluated, not added as a <script>: the app's CSP rightly refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
  const violations = (await page.evaluate(`axe.run(document, ${options}).then((r) => r.violations)`)) as AxeViolation[];
  for (const v of violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
    problems.push(`${where} axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.help} — e.g. ${targets}`);
  }
  return problems;
}

/** Runs in the page: the element's box, and whether a scrolling ancestor hides part of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function shownBox(el: any): { x: number; y: number; width: number; height: number; clipped: boolean } | null {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { getComputedStyle, document } = globalThis as any;
  // Something drawn over it (a sticky footer, a panel) hides it as surely as scrolling: its middle
  // and each corner must be its own, so a control half under a bar counts as hidden.
  const inset = Math.min(3, r.width / 4, r.height / 4);
  const points = [
    [r.left + r.width / 2, r.top + r.height / 2],
    [r.left + inset, r.top + inset],
    [r.right - inset, r.top + inset],
    [r.left + inset, r.bottom - inset],
    [r.right - inset, r.bottom - inset],
  ];
  let clipped = points.some(([x, y]) => {
    const top = document.elementFromPoint(x, y);
    return !!top && !el.contains(top) && !top.contains(el);
  });
  for (let a = el.parentElement; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const c = a.getBoundingClientRect();
    if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.right > c.right + 0.5) clipped = true;
  }
  return { x: r.x, y: r.y, width: r.width, height: r.height, clipped };
}

/** Runs in the page: sideways scroll, spilling cards, clipped cells, small targets. */
function measureLayout(minTouch: number): string[] {
  // The tests compile without the DOM's types; in the page these are the window's own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { document, getComputedStyle } = globalThis as any;
  const out: string[] = [];
  const describe = (el: any): string => {
    const id = el.getAttribute('data-testid') ?? el.id;
    const cls = typeof el.className === 'string' ? el.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id ? `#${id}` : ''}${text ? ` "${text}"` : ''}`;
  };
  const visible = (el: any): boolean => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };

  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);

  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el)) continue;
    const style = getComputedStyle(el);
    const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
    const isCard = el.matches('.panel, [class*="card"], [class*="tile"], .sheet-section, .sync-panel');
    if ((scrolls || isCard) && el.scrollWidth > el.clientWidth + 1) {
      // Name the widest thing sticking out, so the message says what to fix.
      const right = el.getBoundingClientRect().left + el.clientWidth;
      let widest: any = null;
      for (const d of el.querySelectorAll('*')) if (d.getBoundingClientRect().right > right + 1 && (!widest || d.getBoundingClientRect().right > widest.getBoundingClientRect().right)) widest = d;
      out.push(`${scrolls ? 'sideways scroll' : 'content spills out of card'} in ${describe(el)} (${el.scrollWidth} > ${el.clientWidth})${widest ? ` by ${describe(widest)}` : ''}`);
    }
  }

  out.push(...coveredByBars());

  for (const cell of document.querySelectorAll('td')) {
    if (!visible(cell)) continue;
    const parts = [cell, ...cell.querySelectorAll('*')];
    const cut = parts.find((el: any) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0);
    if (cut) out.push(`text cut in table cell ${describe(cell)}`);
  }

  // A target smaller than a thumb, unless it is a link inside running text.
  const targets = document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, [role="tab"], [role="switch"], [role="radio"], [role="option"]');
  for (const el of targets) {
    if (!visible(el) || el.closest('[inert], [aria-hidden="true"]')) continue;
    if (el.matches('.link-button, p a, p button')) continue;
    // A checkbox or radio counts by its label, which is what the thumb presses.
    const hit = (el.matches('input[type="checkbox"], input[type="radio"]') && el.closest('label')) || el;
    const r = hit.getBoundingClientRect();
    if (r.height < minTouch - 0.5 || r.width < minTouch - 0.5) out.push(`target ${Math.round(r.width)}×${Math.round(r.height)} px is smaller than ${minTouch} px: ${describe(el)}`);
  }
  /**
   * Content that a bar stuck to the bottom of the screen (a sticky Save bar, a fixed footer) half
   * covers: a label, control or line of text peeking out above the bar reads as complete when it is
   * not (issue 19: the consent wording under capture's Save bar). Content wholly under the bar is
   * below the fold, which the primary/visible checks judge; a dialog covers the page on purpose.
   */
  function coveredByBars(): string[] {
    const found: string[] = [];
    const viewportHeight = document.documentElement.clientHeight;
    const bars = [...document.querySelectorAll('body *')].filter((el: any) => {
      if (!visible(el) || el.closest('[role="dialog"], [role="alertdialog"], dialog')) return false;
      const style = getComputedStyle(el);
      if (style.position === 'sticky') return style.bottom !== 'auto';
      return style.position === 'fixed' && el.getBoundingClientRect().bottom >= viewportHeight - 1;
    });
    if (bars.length === 0) return found;
    const KEY = 'label, legend, h1, h2, h3, button, input, select, textarea, [role="switch"], [role="radio"], [role="tab"], th, td, p, li';
    const reported: any[] = [];
    const ownText = (el: any) => [...el.childNodes].some((n: any) => n.nodeType === 3 && n.textContent.trim() !== '');
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el) || !(el.matches(KEY) || ownText(el))) continue;
      if (bars.some((bar: any) => bar.contains(el) || el.contains(bar))) continue;
      const r = el.getBoundingClientRect();
      const inset = Math.min(3, r.width / 4, r.height / 4);
      const ys = [r.top + inset, r.top + r.height / 2, r.bottom - inset].filter((y) => y >= 0 && y < viewportHeight);
      const xs = [r.left + inset, r.left + r.width / 2, r.right - inset];
      let shown = 0;
      let under: any = null;
      for (const y of ys) {
        for (const x of xs) {
          const hit = document.elementFromPoint(x, y);
          const bar = hit && bars.find((b: any) => b.contains(hit));
          if (bar) under = bar;
          else shown++;
        }
      }
      if (!under || shown === 0 || reported.some((r: any) => r.contains(el))) continue;
      reported.push(el);
      found.push(`${describe(el)} is partly covered by the bar ${describe(under)}`);
    }
    return found;
  }
  return out;
}

