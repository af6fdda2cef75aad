// better-sqlite3 (and its encrypting build, better-sqlite3-multiple-ciphers) are native modules: it must be compiled for the runtime that loads it.
// Electron and Node use different ABIs, so `npm start` rebuilds it for Electron and
// `npm test` / `npm run web` for Node, only when the last build was for the other one.
// Usage: node scripts/native.cjs node|electron
//        node scripts/native.cjs --built-for electron   (after electron-builder rebuilt it)
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'endcap-runtime.txt');
const recordOnly = process.argv[2] === '--built-for';
const target = recordOnly ? process.argv[3] : process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.cjs [--built-for] node|electron');
  process.exit(2);
}
if (recordOnly) {
  fs.writeFileSync(marker, `${target}\n`);
  process.exit(0);
}
const builtFor = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : 'node'; // npm install builds for Node

if (builtFor !== target) {
  console.log(`Rebuilding better-sqlite3 for ${target} (it was built for ${builtFor})…`);
  const cmd = target === 'electron' ? 'npx electron-builder install-app-deps' : 'npm rebuild better-sqlite3 better-sqlite3-multiple-ciphers';
  execSync(cmd, { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(marker, `${target}\n`);
}
