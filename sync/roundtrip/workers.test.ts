// `serve --workers N` (sync/hub/workers.ts): N processes answer on one port, a worker that dies is
// replaced, and stopping the primary stops them all. Run with a stand-in server (child/workers.ts)
// because the SQLite store refuses several processes (hubKill.test.ts checks that refusal).
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REGISTER_TS = path.join(__dirname, 'child', 'register.cjs');
const CHILD = path.join(__dirname, 'child', 'workers.ts');

/**
 * One request on a new connection (the cluster hands out connections, not requests): the answering
 * pid, or null. A connection the primary had handed to the worker just killed is never answered:
 * without the timeout that request waited forever and the test ran out of time (seen only on a
 * crowded machine, where the hand-off is slow enough for the kill to land inside it).
 */
function ask(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(Number(body) || null));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/** The distinct pids answering 20 requests, once two answer (or the deadline passes). */
async function answering(port: number): Promise<Set<number>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pids = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const pid = await ask(port);
      if (pid) pids.add(pid);
    }
    if (pids.size >= 2 || Date.now() > deadline) return pids;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('serve --workers', () => {
  it('answers from every worker, replaces one that dies, and stops them all with the primary', async () => {
    const primary = spawn(process.execPath, ['-r', REGISTER_TS, CHILD, '2'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const port = await new Promise<number>((resolve) => primary.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().split('\n')[0]))));
      const first = await answering(port);
      expect(first.size).toBe(2);
      expect(first.has(primary.pid!)).toBe(false);

      const [victim] = [...first];
      process.kill(victim!, 'SIGKILL');
      let after = new Set<number>();
      for (let i = 0; i < 100 && !(after.size === 2 && !after.has(victim!)); i++) after = await answering(port);
      expect(after.size).toBe(2);
      expect(after.has(victim!)).toBe(false);

      const exited = new Promise((r) => (primary.exitCode !== null ? r(null) : primary.once('exit', r)));
      primary.kill('SIGTERM');
      await exited;
      await new Promise((r) => setTimeout(r, 500));
      expect(await ask(port)).toBe(null);
      for (const pid of after) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      primary.kill('SIGKILL');
    }
  }, 120_000);
});
