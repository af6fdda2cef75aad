// A stand-in hub for workers.test.ts: `forkWorkers` as the hub's `serve --workers N` calls it,
// each worker answering with its process id and printing its port (settings: workers; port 0:
// the cluster gives all workers the same free port, so no other test can take it in between).
import http from 'node:http';
import { forkWorkers } from '../../hub/workers.js';

const workers = Number(process.argv[2]);
if (!forkWorkers({ workers, log: () => {} })) {
  const server = http.createServer((_req, res) => res.end(String(process.pid)));
  server.listen(0, '127.0.0.1', () => console.log((server.address() as { port: number }).port));
}
