// The one loopback HTTP server the fake vendors share: reads the whole body, answers with
// what the fake decides, listens on 127.0.0.1 at a free port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status: number;
  /** Sent as it is (a fake may send a body that is not JSON on purpose). */
  text: string;
  headers?: Record<string, string>;
}

export interface FakeServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveFake(answer: (req: http.IncomingMessage, body: string) => FakeAnswer): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = answer(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
