// What the command-line scripts share: argument parsing with usage errors, and the demo
// generation progress line.
import { parseArgs } from 'node:util';
import type { DemoProgress } from '../core/demo/generate.js';

type Flags = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Parses `--flag value` options (plus -h/--help); on a mistake prints the usage and exits 2. */
export function parseFlags(flags: NonNullable<Flags>, usage: string): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { ...flags, help: { type: 'boolean', short: 'h' } }, strict: true });
    const parsed = values as Record<string, string | boolean | undefined>;
    if (parsed.help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (err) {
    return usageError(err instanceof Error ? err.message : String(err), usage);
  }
}

export function usageError(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/**
 * Demo generation progress on stderr: one line rewritten in place on a terminal; elsewhere
 * (logs, CI) one line per finished step, so a log does not fill with percentages.
 */
export function demoProgressPrinter(): { update(p: DemoProgress): void; done(): void } {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let shown = false;
  return {
    update(p) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const line = `Building the demo replica: ${p.step} ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}  ${seconds} s`;
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else if (p.done === p.total) process.stderr.write(`${line}\n`);
      shown = true;
    },
    done() {
      if (tty && shown) process.stderr.write('\r\x1b[K');
    },
  };
}
