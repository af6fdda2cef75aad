// A stand-in hub for workers.test.ts: `forkWorkers` as the hub's `serve --workers N` calls it,
// each worker answering with its process id (settings: port, workers).
import http from 'node:http';
import { forkWorkers } from '../../hub/workers.js';

const [port, workers] = process.argv.slice(2).map(Number) as [number, number];
if (!forkWorkers({ workers, log: () => {} })) {
  http.createServer((_req, res) => res.end(String(process.pid))).listen(port, '127.0.0.1');
}
