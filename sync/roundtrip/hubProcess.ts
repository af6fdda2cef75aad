// One hub process from source (the hub's own command line, `serve --plain`) on a fixed loopback
// port, so a restart comes back where a proxy points: for tests that kill hub processes or run
// several behind RoundRobinProxy.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CLI = path.join(__dirname, '..', 'hub', 'cli.ts');
const REGISTER_TS = path.join(__dirname, 'child', 'register.cjs');

export class HubProcess {
  child: ChildProcess | null = null;
  constructor(readonly port: number, private readonly args: string[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['-r', REGISTER_TS, CLI, 'serve', ...this.args, '--plain', '--host', '127.0.0.1', '--port', String(this.port)];
    this.child = spawn(process.execPath, args, { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${this.url}/v1/health`).then((r) => r.ok, () => false))) {
      if (this.child.exitCode !== null) throw new Error(`hub process exited (${this.child.exitCode})`);
      if (Date.now() > deadline) throw new Error('hub process did not answer in 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
