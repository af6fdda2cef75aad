// Lets a child Node process run this repo's TypeScript from source (`node -r register.cjs x.ts`),
// so the kill -9 test needs no build: npm test runs unit tests before `npm run build`. Each file
// is transpiled on its own with the project's own TypeScript (types are not checked here; tsc
// does that) and cached by content, so the tenth child starts as fast as a built one.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

const cacheDir = process.env.ENDCAP_TS_CACHE || path.join(os.tmpdir(), 'endcap-ts-cache');
let ts;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cacheDir, `${crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex')}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    code = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
    }).outputText;
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: children started together never read half a file.
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, cached);
  }
  module._compile(code, filename);
};

// Sources import each other as './x.js' (NodeNext); from source that file is './x.ts'.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (err) {
    if (request.endsWith('.js') && (request.startsWith('.') || path.isAbsolute(request))) {
      return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    }
    throw err;
  }
};
