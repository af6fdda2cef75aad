import fs from 'node:fs';
import path from 'node:path';

/** Repo root from the compiled file (dist/node/bench/*.js) or the source (bench/*.ts). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '..');

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return NaN;
  const i = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1));
  return sortedAscending[i]!;
}

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  n: number;
  /** The process's own CPU time per call (user + system): what the call costs, whatever the neighbours' load. */
  cpuP50: number;
  cpuP95: number;
}

/**
 * Times `fn` once per input, in milliseconds with sub-microsecond resolution; `before` runs
 * ahead of each call, untimed (what happens between two calls in real use).
 */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown, before?: (input: T) => void): Timing {
  const samples = new Samples();
  for (const input of inputs) {
    before?.(input);
    const stop = samples.start();
    fn(input);
    stop();
  }
  return samples.timing();
}

/** timeEach for work that returns a promise: each run is awaited before the next. */
export async function timeEachAsync<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>): Promise<Timing> {
  const samples = new Samples();
  for (const input of inputs) {
    const stop = samples.start();
    await fn(input);
    stop();
  }
  return samples.timing();
}

/** Wall and CPU time of each timed call, summed up as a Timing. */
class Samples {
  private readonly ms: number[] = [];
  private readonly cpu: number[] = [];

  /** Starts one sample; the function returned ends it. */
  start(): () => void {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    return () => {
      this.ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      this.cpu.push((c.user + c.system) / 1000);
    };
  }

  timing(): Timing {
    const ms = [...this.ms].sort((a, b) => a - b);
    const cpu = [...this.cpu].sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), n: ms.length, cpuP50: percentile(cpu, 50), cpuP95: percentile(cpu, 95) };
  }
}

export function rssMb(): number {
  return Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

export function writeResult(name: string, data: unknown): string {
  const file = path.join(REPO_ROOT, 'bench', 'results', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
}
