// Window, webContents and session hardening. Everything is deny-by-default: the app is one
// local page on app://endcap and needs no navigation, popups, webviews or device permissions.
import { shell, type App, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './appProtocol.js';

/**
 * Origins (scheme://host) that links may open in the user's browser. Empty for now: the
 * app links nowhere. Only https: origins listed here ever leave the app.
 */
export const EXTERNAL_ORIGIN_ALLOWLIST: readonly string[] = [];

export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    // No developer tools in a packaged build: a till is not a debugging console.
    devTools: options.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** A parsed https: URL whose origin is on the allowlist; anything else is refused. */
export function isAllowedExternalUrl(url: string, allowlist: readonly string[] = EXTERNAL_ORIGIN_ALLOWLIST): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowlist.includes(parsed.origin);
}

/** Applied to every webContents the app creates (see `hardenApp`). */
export function hardenWebContents(contents: WebContents, allowlist: readonly string[] = EXTERNAL_ORIGIN_ALLOWLIST): void {
  // Our page never leaves app://endcap; a link or script trying to is stopped here.
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);

  // No popups, ever. An allowlisted https: link opens in the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, allowlist)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Nothing in the app needs camera, microphone, notifications, HID, USB or the like. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Hardens every webContents as it is created, including any we did not create ourselves. */
export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
