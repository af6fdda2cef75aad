// The boundary lint proves itself: a throwaway tree with one deliberately bad import per rule
// must make each rule fire, and the allowed imports beside them must not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';

// Loaded from the repository root (vitest runs there), before the test moves into its fixture tree.
const config = createRequire(path.join(process.cwd(), 'package.json'))('./.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[] };

const FILES: Record<string, string> = {
  'core/api/registry.ts': `export const createApp = 1;\n`,
  'core/host/deviceHost.ts': `export const openDeviceHost = 1;\n`,
  'core/contract/types.ts': `export type Role = 'associate';\n`,
  'core/engine/learn.ts': `export const rebuildCopurchaseLinks = 1;\n`,
  // Bad: a domain module reaching up into the API layer and the host.
  'core/engine/badApi.ts': `import { createApp } from '../api/registry.js';\nexport const x = createApp;\n`,
  'core/search/badHost.ts': `import { openDeviceHost } from '../host/deviceHost.js';\nexport const y = openDeviceHost;\n`,
  // Bad: the contract importing a domain folder.
  'core/contract/badEngine.ts': `import { rebuildCopurchaseLinks } from '../engine/learn.js';\nexport const z = rebuildCopurchaseLinks;\n`,
  // Bad: sync reaching into the engine.
  'sync/client/badPull.ts': `import { rebuildCopurchaseLinks } from '../../core/engine/learn.js';\nexport const w = rebuildCopurchaseLinks;\n`,
  // The shared policy leaf: core may import it (and nothing else of sync); it may import only npm packages.
  'sync/protocol/policy.ts': `export const MAX_AFFINITY_WEIGHT = 1;\n`,
  'sync/protocol/messages.ts': `export const PROTOCOL_VERSION = 1;\n`,
  'core/engine/usesPolicy.ts': `import { MAX_AFFINITY_WEIGHT } from '../../sync/protocol/policy.js';\nexport const m = MAX_AFFINITY_WEIGHT;\n`,
  'core/engine/badProtocol.ts': `import { PROTOCOL_VERSION } from '../../sync/protocol/messages.js';\nexport const p = PROTOCOL_VERSION;\n`,
  'sync/protocol/badPolicyImport.ts': `export const q = 1;\n`,
  // The shared report shapes: the same exception and the same leaf rule as the policy file.
  'sync/protocol/reportShapes.ts': `export type HubReport = { protocol: 1 };\n`,
  'core/contract/usesReportShapes.ts': `import type { HubReport } from '../../sync/protocol/reportShapes.js';\nexport type R = HubReport;\n`,
  'core/contract/badReports.ts': `import type { ReportRequest } from '../../sync/protocol/reports.js';\nexport type Q = ReportRequest;\n`,
  'sync/protocol/reports.ts': `export type ReportRequest = { staffId: string };\n`,
  // Allowed: domain → contract, api → domain, host → api.
  'core/engine/good.ts': `import type { Role } from '../contract/types.js';\nexport const r: Role = 'associate';\n`,
  'core/api/handler.ts': `import { rebuildCopurchaseLinks } from '../engine/learn.js';\nexport const h = rebuildCopurchaseLinks;\n`,
  'core/host/good.ts': `import { createApp } from '../api/registry.js';\nexport const g = createApp;\n`,
};

let dir: string;
const cwd = process.cwd();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-lint-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  process.chdir(dir); // rule paths are relative to the folder cruised from
});

afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function violations(): Promise<Array<{ rule: string; from: string; to: string }>> {
  const result = await cruise(['core', 'sync'], {
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  }, { extensions: ['.ts', '.js'] });
  const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('boundary lint (.dependency-cruiser.cjs)', () => {
  it('fires each layering rule on its bad import, and only there', async () => {
    const found = await violations();
    expect(found).toEqual(
      expect.arrayContaining([
        { rule: 'domain-below-api', from: 'core/engine/badApi.ts', to: 'core/api/registry.ts' },
        { rule: 'domain-below-api', from: 'core/search/badHost.ts', to: 'core/host/deviceHost.ts' },
        { rule: 'contract-is-ground-floor', from: 'core/contract/badEngine.ts', to: 'core/engine/learn.ts' },
        { rule: 'sync-knows-no-engine', from: 'sync/client/badPull.ts', to: 'core/engine/learn.ts' },
        { rule: 'core-imports-no-outer-layer', from: 'core/engine/badProtocol.ts', to: 'sync/protocol/messages.ts' },
        { rule: 'core-imports-no-outer-layer', from: 'core/contract/badReports.ts', to: 'sync/protocol/reports.ts' },
      ]),
    );
    const offenders = new Set(found.map((v) => v.from));
    for (const good of ['core/engine/good.ts', 'core/api/handler.ts', 'core/host/good.ts', 'core/engine/usesPolicy.ts', 'core/contract/usesReportShapes.ts']) expect(offenders.has(good)).toBe(false);
  });

  it('keeps the shared policy file a leaf: once it imports anything of the repository, core may no longer lean on it', async () => {
    fs.writeFileSync(path.join(dir, 'sync/protocol/policy.ts'), `import { q } from './badPolicyImport.js';\nexport const MAX_AFFINITY_WEIGHT = q;\n`);
    try {
      expect(await violations()).toEqual(
        expect.arrayContaining([{ rule: 'shared-policy-is-a-leaf', from: 'sync/protocol/policy.ts', to: 'sync/protocol/badPolicyImport.ts' }]),
      );
    } finally {
      fs.writeFileSync(path.join(dir, 'sync/protocol/policy.ts'), FILES['sync/protocol/policy.ts']!);
    }
  });

  it('keeps the shared report shapes a leaf too', async () => {
    fs.writeFileSync(path.join(dir, 'sync/protocol/reportShapes.ts'), `import { q } from './badPolicyImport.js';\nexport const shown = q;\n`);
    try {
      expect(await violations()).toEqual(
        expect.arrayContaining([{ rule: 'shared-report-shapes-are-a-leaf', from: 'sync/protocol/reportShapes.ts', to: 'sync/protocol/badPolicyImport.ts' }]),
      );
    } finally {
      fs.writeFileSync(path.join(dir, 'sync/protocol/reportShapes.ts'), FILES['sync/protocol/reportShapes.ts']!);
    }
  });
});
