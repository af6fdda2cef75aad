// `npm run bench [-- name ...]`: runs the named benchmarks (all when none is named).
// Every benchmark prints a table next to a baseline measured in the same run and writes
// bench/results/<name>.json.
import { benchEngine } from './engine.js';
import { benchSearchLatency } from './search/latency.js';
import { benchSearchQuality } from './search/quality.js';
import { benchCapture } from './capture.js';

const benchmarks: Record<string, (args: string[]) => Promise<void> | void> = {
  engine: benchEngine,
  search: benchSearchLatency,
  'search-quality': benchSearchQuality,
  'search-relevance': async (args) => (await import('./search/relevance.js')).benchSearchRelevance(args),
  capture: benchCapture,
  sync: async (args) => (await import('./sync.js')).benchSync(args),
  preview: async (args) => (await import('./preview.js')).benchPreview(args),
  ope: async () => (await import('./ope.js')).benchOpe(),
  lift: async () => (await import('./lift.js')).benchLift(),
  reports: async (args) => (await import('./reports.js')).benchReports(args),
  ingest: async (args) => (await import('./ingest.js')).benchIngest(args),
  'starter-mix': async (args) => (await import('./starterMix.js')).benchStarterMix(args),
  connectors: async (args) => (await import('./connectors.js')).benchConnectors(args),
  hub: async (args) => (await import('./hub.js')).benchHub(args),
  'preview-digest': async () => (await import('./previewDigest.js')).benchPreviewDigest(),
};

async function main() {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const chosen = names.length ? names : Object.keys(benchmarks);
  for (const name of chosen) {
    const run = benchmarks[name];
    if (!run) {
      console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benchmarks).join(', ')}`);
      process.exitCode = 2;
      return;
    }
    await run(args.filter((a) => a.startsWith('--')));
  }
}

void main();
