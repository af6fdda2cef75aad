// The folder is the layer (DESIGN §2). `npm test` fails when an import crosses a line
// the design forbids.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-no-node-or-sqlite',
      comment: 'The renderer is a web page: no Node built-ins, no SQLite, no Electron.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-native-or-server-packages',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: 'node_modules/(better-sqlite3|electron|fastify|@fastify)/' },
    },
    {
      name: 'renderer-only-types-from-core-api',
      comment: 'The renderer sees the device only through the types of core/contract.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^core/', pathNot: '^core/contract/' },
    },
    {
      name: 'renderer-no-runtime-core',
      comment: 'Even core/contract reaches the renderer as types only; calls go through window.endcap.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-not-electron-or-sync',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|sync|scripts)/' },
    },
    {
      name: 'core-imports-no-outer-layer',
      comment: 'core knows nothing of Electron, the UI or sync.',
      severity: 'error',
      from: { path: '^core/' },
      // The exceptions: sync/protocol/policy.ts, a leaf importing only zod, holds the policy
      // ranges the device validates with and the hub re-checks with (issue 13: one validator, and
      // the hub still links no device code). Likewise sync/protocol/reportShapes.ts, the zod schemas
      // of the hub's report the device keeps and checks (issue 17), and sync/protocol/matchKeys.ts,
      // the match forms of emails, phones, loyalty ids and names both sides write. Nothing else of sync.
      to: { path: '^(electron|renderer|sync|scripts|tests|bench)/', pathNot: '^sync/protocol/(policy|reportShapes|matchKeys)\\.ts$' },
    },
    {
      name: 'shared-policy-is-a-leaf',
      comment: 'sync/protocol/policy.ts may be imported by core only because it imports nothing but npm packages (zod).',
      severity: 'error',
      from: { path: '^sync/protocol/policy\\.ts$' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'shared-report-shapes-are-a-leaf',
      comment: 'sync/protocol/reportShapes.ts may be imported by core only because it imports nothing but npm packages (zod).',
      severity: 'error',
      from: { path: '^sync/protocol/reportShapes\\.ts$' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'shared-match-keys-are-a-leaf',
      comment: 'sync/protocol/matchKeys.ts may be imported by core only because it imports nothing but npm packages (libphonenumber-js).',
      severity: 'error',
      from: { path: '^sync/protocol/matchKeys\\.ts$' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'contract-is-ground-floor',
      comment: 'core/contract (call list, schemas, result and error types, ports) is what every core module may use, so it uses nothing else of core.',
      severity: 'error',
      from: { path: '^core/contract/' },
      to: { path: '^core/', pathNot: '^core/contract/' },
    },
    {
      name: 'domain-below-api',
      comment: 'Domain modules depend on the contract, never on the layer that serves calls (core/api) or owns the replica (core/host). Their integration tests reach the API through core/testing.',
      severity: 'error',
      from: { path: '^core/(engine|search|capture|customers|identity|merch|device|analytics|orders|outbox|audit|auth|db|text|demo)/' },
      to: { path: '^core/(api|host)/' },
    },
    {
      name: 'sync-knows-no-engine',
      comment: 'Sync moves rows; what the device learns from them is the host\'s business (ReplicaLearner port).',
      severity: 'error',
      from: { path: '^sync/' },
      to: { path: '^core/engine/' },
    },
    {
      name: 'core-no-electron-module',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: 'node_modules/electron/' },
    },
    {
      name: 'hub-never-imports-device-code',
      severity: 'error',
      from: { path: '^sync/hub/' },
      to: { path: '^(core|electron|renderer|sync/client)/' },
    },
    {
      name: 'protocol-stands-alone',
      comment: 'The wire protocol is shared by device and hub, so it depends on neither.',
      severity: 'error',
      from: { path: '^sync/protocol/' },
      to: { path: '^(core|electron|renderer|sync/client|sync/hub)/' },
    },
    {
      name: 'stats-is-a-leaf',
      comment: 'The estimators (sync/hub/stats) serve the hub\'s reports and the benchmarks; they are pure math and import nothing of the app.',
      severity: 'error',
      from: { path: '^sync/hub/stats/' },
      to: { path: '^(core|electron|renderer|sync|scripts|tests|bench)/', pathNot: '^sync/hub/stats/' },
    },
    {
      name: 'sync-client-no-ui',
      severity: 'error',
      from: { path: '^sync/client/' },
      to: { path: '^(electron|renderer|sync/hub)/' },
    },
    {
      name: 'roundtrip-is-test-only',
      comment: 'sync/roundtrip runs the client against the hub in tests; nothing ships importing it.',
      severity: 'error',
      from: { path: '^(core|electron|renderer|sync/(client|hub|protocol))/' },
      to: { path: '^sync/roundtrip/' },
    },
    {
      name: 'electron-no-renderer',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^(renderer|sync/hub)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(core|sync|electron|renderer)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.json'] },
  },
};
