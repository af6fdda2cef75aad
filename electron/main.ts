// Electron main process: lifecycle and wiring only. The app's logic lives in core/ and runs
// in the database host (a utility process); the UI is the renderer served on app://endcap.
import path from 'node:path';
import { app, BrowserWindow, safeStorage, session, utilityProcess } from 'electron';
import { autoUpdater } from 'electron-updater';
import { registerAppScheme, serveAppProtocol } from './appProtocol.js';
import { createDbHostClient, type DbHostClient } from './dbHostClient.js';
import { DATA_DIR_ARG } from './dbHostMessages.js';
import { registerIpc } from './ipc.js';
import { safeStorageKeyStore } from './safeStorageKeyStore.js';
import { installMenu } from './menu.js';
import { connectShell, type Shell } from './shell.js';
import { readUpdateFeed, startUpdater, type Updater } from './updater.js';
import { hardenApp, hardenSession } from './security.js';
import { createMainWindow, WindowRegistry } from './windows.js';

// Compiled layout: dist/node/electron/*.js next to dist/renderer/.
const RENDERER_DIR = path.join(__dirname, '..', '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.js');
const DB_HOST = path.join(__dirname, 'dbHost.js');

// Before ready: scheme privileges and the sandbox are fixed when Chromium starts.
registerAppScheme();
app.enableSandbox();
hardenApp(app);

const registry = new WindowRegistry();
let mainWindow: BrowserWindow | null = null;
let dbHost: DbHostClient | null = null;
let shell: Shell | null = null;
let updater: Updater | null = null;

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: PRELOAD, registry, devTools: !app.isPackaged });
  shell?.guard(mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function startDbHost(dataDir: string): DbHostClient {
  const keyStore = safeStorageKeyStore(dataDir, safeStorage);
  return createDbHostClient({
    spawn: () => {
      const child = utilityProcess.fork(DB_HOST, [`${DATA_DIR_ARG}${dataDir}`], {
        serviceName: 'Endcap database',
        stdio: 'inherit',
      });
      // The key goes over the child's private port: never argv, never the environment.
      try {
        child.postMessage({ kind: 'key', masterKey: keyStore.masterKey().toString('hex') });
      } catch (error) {
        child.postMessage({ kind: 'key', error: error instanceof Error ? error.message : String(error) });
      }
      return child;
    },
  });
}

/** Packaged builds look for updates on the channel a manager chose (security_settings). */
async function startUpdates(client: DbHostClient, dataDir: string): Promise<void> {
  const settings = await client.call('security.settings', {});
  const channel = settings.ok && (settings.value as { updateChannel?: unknown }).updateChannel === 'beta' ? 'beta' : 'stable';
  updater = startUpdater({ updater: autoUpdater, feedUrl: readUpdateFeed(dataDir), channel, onReady: (version) => shell?.updateReady(version) });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveAppProtocol(RENDERER_DIR);
  installMenu(process.platform, app.isPackaged);
  dbHost = startDbHost(app.getPath('userData'));
  registerIpc({ client: dbHost, trusted: registry });
  shell = connectShell({ client: dbHost, updater: () => updater, windows: () => BrowserWindow.getAllWindows() });
  openWindow();
  if (app.isPackaged) void startUpdates(dbHost, app.getPath('userData')).catch((error: unknown) => console.error('Endcap could not start updates:', error));

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

// One Endcap per device: a second launch brings the running one forward instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) {
      if (app.isReady()) openWindow(); // macOS: running with every window closed
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the replica cleanly (checkpoint, optimize) before the process goes away.
  let quitting = false;
  app.on('before-quit', (event) => {
    shell?.allowClose(); // quitting: the windows close without asking again
    if (quitting || !dbHost) return;
    quitting = true;
    event.preventDefault();
    void dbHost.close().finally(() => app.quit());
  });

  start().catch((error: unknown) => {
    console.error('Endcap failed to start:', error);
    app.exit(1);
  });
}
