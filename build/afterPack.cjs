// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is
// signed, so the shipped app cannot be turned into a general-purpose Node runtime or made to
// load code from outside its (integrity-checked) app.asar.
// @ts-check
'use strict';
const path = require('node:path');

/** The fuses we set, by name. Any fuse not listed keeps Electron's default. */
const FUSES = Object.freeze({
  RunAsNode: false, // ELECTRON_RUN_AS_NODE must not turn Endcap into `node`
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS could preload arbitrary code
  EnableNodeCliInspectArguments: false, // --inspect would open a debugger into the main process
  EnableEmbeddedAsarIntegrityValidation: true, // app.asar must match the hash in the binary (macOS, Windows)
  OnlyLoadAppFromAsar: true, // no loose app/ folder next to app.asar
  GrantFileProtocolExtraPrivileges: false, // the UI is served from app://, file:// needs no powers
});

/** @param {string} platform electron platform name: linux, win32, darwin, mas */
async function fuseConfig(platform) {
  const { FuseV1Options, FuseVersion } = await import('@electron/fuses');
  /** @type {import('@electron/fuses').FuseV1Config} */
  const config = {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature of macOS (arm64) builds; re-sign them.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
  };
  for (const [name, value] of Object.entries(FUSES)) {
    config[FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)]] = value;
  }
  return config;
}

/**
 * Where the packed Electron executable is, the same way electron-builder finds it.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'linux':
      return path.join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    default:
      throw new Error(`afterPack: no fuse support for platform "${electronPlatformName}"`);
  }
}

/** @param {Parameters<typeof electronBinaryPath>[0]} context */
async function afterPack(context) {
  const { flipFuses, getCurrentFuseWire, FuseState } = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  const config = await fuseConfig(context.electronPlatformName);
  await flipFuses(binary, config);

  // Read the wire back: a build that silently kept a dangerous default must not ship.
  const wire = await getCurrentFuseWire(binary);
  for (const [index, wanted] of Object.entries(config)) {
    if (!/^\d+$/.test(index)) continue;
    const expected = wanted ? FuseState.ENABLE : FuseState.DISABLE;
    const actual = /** @type {Record<string, unknown>} */ (wire)[index];
    if (actual !== expected) throw new Error(`afterPack: fuse ${index} of ${binary} is ${String(actual)}, expected ${expected}`);
  }
  console.log(`  • flipped Electron fuses  file=${binary}`);
}

module.exports = { afterPack, default: afterPack, fuseConfig, electronBinaryPath, FUSES };
