// Pins the packaging hook in build/afterPack.cjs: which fuses are flipped, and that it finds
// and rewrites the executable electron-builder produced (a fake binary carrying a fuse wire).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';

interface Context {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
interface AfterPackModule {
  afterPack(context: Context): Promise<void>;
  fuseConfig(platform: string): Promise<Record<string, unknown>>;
  electronBinaryPath(context: Context): string;
}
const hook = createRequire(__filename)('../build/afterPack.cjs') as AfterPackModule;

// Same numbering as @electron/fuses' FuseV1Options (an ESM-only package).
const Fuse = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  LoadBrowserProcessSpecificV8Snapshot: 6,
  GrantFileProtocolExtraPrivileges: 7,
  WasmTrapHandlers: 8,
} as const;
const ENABLE = 49; // '1'
const DISABLE = 48; // '0'
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-afterpack-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An "executable" whose fuse wire starts in the state Electron ships: everything on. */
function fakeElectronBinary(file: string, fuses = 9): void {
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, fuses]), Buffer.alloc(fuses, ENABLE)]);
  fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
}

function readWire(file: string): number[] {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return [...bytes.subarray(at + 2, at + 2 + bytes[at + 1]!)];
}

describe('afterPack fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS, inspector and file:// privileges; turns on asar-only, integrity and cookie encryption', async () => {
    const config = await hook.fuseConfig('linux');
    expect(config).toMatchObject({
      version: '1',
      [Fuse.RunAsNode]: false,
      [Fuse.EnableCookieEncryption]: true,
      [Fuse.EnableNodeOptionsEnvironmentVariable]: false,
      [Fuse.EnableNodeCliInspectArguments]: false,
      [Fuse.EnableEmbeddedAsarIntegrityValidation]: true,
      [Fuse.OnlyLoadAppFromAsar]: true,
      [Fuse.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect((await hook.fuseConfig('darwin')).resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the executable electron-builder produced on each platform', () => {
    const packager = { appInfo: { productFilename: 'Endcap' }, executableName: 'endcap' };
    expect(hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe(path.join('/out', 'endcap'));
    expect(hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe(path.join('/out', 'Endcap.exe'));
    expect(hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe(path.join('/out', 'Endcap.app'));
    expect(() => hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'beos', packager })).toThrow(/beos/);
  });

  it('rewrites the fuse wire of the packed binary and leaves unlisted fuses alone', async () => {
    const appOutDir = path.join(dir, 'linux-unpacked');
    fs.mkdirSync(appOutDir);
    const binary = path.join(appOutDir, 'endcap');
    fakeElectronBinary(binary);

    await hook.afterPack({ appOutDir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Endcap' }, executableName: 'endcap' } });

    const wire = readWire(binary);
    expect(wire[Fuse.RunAsNode]).toBe(DISABLE);
    expect(wire[Fuse.EnableCookieEncryption]).toBe(ENABLE);
    expect(wire[Fuse.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[Fuse.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[Fuse.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[Fuse.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(wire[Fuse.GrantFileProtocolExtraPrivileges]).toBe(DISABLE);
    expect(wire[Fuse.LoadBrowserProcessSpecificV8Snapshot]).toBe(ENABLE); // not ours to change
    expect(wire[Fuse.WasmTrapHandlers]).toBe(ENABLE);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const appOutDir = path.join(dir, 'win-unpacked');
    fs.mkdirSync(appOutDir);
    fs.writeFileSync(path.join(appOutDir, 'Endcap.exe'), Buffer.alloc(1024));
    await expect(
      hook.afterPack({ appOutDir, electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'Endcap' } } }),
    ).rejects.toThrow(/sentinel/);
  });
});
