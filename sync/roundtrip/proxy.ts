// A round-robin TCP proxy for tests and the hub benchmark: each new connection goes to the next
// backend (a hub process) in turn, as a load balancer in front of several hub workers would send
// it. A backend that refuses the connection (killed, not up yet) is skipped for the next one, so
// a register only sees an error when its connection was already open to a process that died.
import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export class RoundRobinProxy {
  private next = 0;
  private readonly open = new Set<net.Socket>();
  /** Which backend each open client connection was sent to (tests kill the one a push is on). */
  readonly routes = new Map<net.Socket, number>();

  private constructor(private readonly server: net.Server, private backends: Backend[], readonly port: number) {}

  static async start(backends: Backend[], port = 0): Promise<RoundRobinProxy> {
    let proxy: RoundRobinProxy | undefined;
    const server = net.createServer((client) => proxy!.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    proxy = new RoundRobinProxy(server, backends, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replaces the backend list (a restarted process on a new port). */
  setBackends(backends: Backend[]): void {
    this.backends = backends;
  }

  /** The backend index of the client connection that most recently sent bytes, if any is open. */
  busiest(): number | undefined {
    return this.lastActive && this.routes.has(this.lastActive) ? this.routes.get(this.lastActive) : undefined;
  }

  private lastActive: net.Socket | undefined;

  private accept(client: net.Socket): void {
    this.open.add(client);
    client.pause();
    client.on('data', () => (this.lastActive = client));
    client.on('close', () => (this.open.delete(client), this.routes.delete(client)));
    client.on('error', () => client.destroy());
    this.connect(client, 0);
  }

  /** Tries backends in turn from the next one; after a whole round of refusals the client is cut. */
  private connect(client: net.Socket, tried: number): void {
    if (client.destroyed) return;
    if (tried >= this.backends.length) return void client.destroy();
    const index = this.next++ % this.backends.length;
    const target = this.backends[index]!;
    const upstream = net.connect(target.port, target.host);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.routes.set(client, index);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected) return this.connect(client, tried + 1);
      client.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A free loopback port (asked of the OS, then released for a hub process to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
