// `npm run web` builds only when a source changed since the last build: a fingerprint of every
// input of `npm run build` (path, size, modification time) is kept beside the output in
// dist/.build-fingerprint, and the build runs when it differs or the output is missing.
// Usage: node scripts/build-if-changed.cjs
const { execSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// What `npm run build` reads (tsconfig.node.json and vite.config.ts name the same folders).
const INPUTS = ['core', 'electron', 'sync', 'scripts', 'bench', 'renderer', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json', 'vite.config.ts'];
const SKIP = new Set(['node_modules', 'results', 'screenshots']);
const OUTPUTS = ['dist/node/scripts/web.js', 'dist/renderer/index.html'];
const stamp = path.join(root, 'dist', '.build-fingerprint');

function* files(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield [path.relative(root, p), stat.size, Math.trunc(stat.mtimeMs)].join(':');
    return;
  }
  for (const name of fs.readdirSync(p).sort()) if (!SKIP.has(name)) yield* files(path.join(p, name));
}

const hash = crypto.createHash('sha256');
for (const input of INPUTS) for (const line of files(path.join(root, input))) hash.update(`${line}\n`);
const fingerprint = hash.digest('hex');

const built = OUTPUTS.every((f) => fs.existsSync(path.join(root, f)));
const previous = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
if (built && previous === fingerprint) {
  console.log('Build is up to date (no source changed since the last build).');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, `${fingerprint}\n`);
}
