// Updates for the packaged app, through electron-updater with a generic provider (any HTTPS
// folder holding the files `npm run dist` makes). Thin on purpose: electron-updater downloads,
// checks and installs; here we only choose the feed and channel and report "ready". Restarting
// is never ours to decide: the UI asks for it when the till is idle (see electron/shell.ts).
//
// What is verified, by electron-updater, before an update is offered as ready:
// - every platform: the file's SHA-512 against the channel file (latest.yml, beta.yml, …)
//   fetched from the feed over HTTPS;
// - Windows (NSIS): also the installer's Authenticode signature, which must be valid and name
//   a publisher in `publisherName` of app-update.yml (electron-builder.yml → win.signtoolOptions);
//   an unsigned or differently signed installer is refused;
// - Linux (AppImage, deb): nothing beyond the checksum. An AppImage carries no signature
//   electron-updater checks, so the channel file's integrity rests on HTTPS to the feed: the
//   feed must be HTTPS (readUpdateFeed refuses anything else) on a host the chain controls.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export type UpdateChannel = 'stable' | 'beta';

/** What we use of electron-updater's AppUpdater (a fake in tests). */
export interface UpdaterLike {
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  channel: string | null;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
}

export interface UpdaterOptions {
  updater: UpdaterLike;
  /** The generic feed from update.json; null keeps the one electron-builder baked into app-update.yml. */
  feedUrl: string | null;
  channel: UpdateChannel;
  /** An update is downloaded and verified: tell the UI. */
  onReady(version: string): void;
  log?: (message: string) => void;
  /** How often to look for an update (default every 4 hours). */
  checkEveryMs?: number;
}

export interface Updater {
  setChannel(channel: UpdateChannel): void;
  /** Quits and installs the ready update (the UI asks only when the till is idle). */
  restart(): void;
  stop(): void;
}

/** electron-builder's channel files: latest.yml for stable, beta.yml for beta. */
const CHANNEL_FILE: Record<UpdateChannel, string> = { stable: 'latest', beta: 'beta' };

export function startUpdater(options: UpdaterOptions): Updater {
  const { updater } = options;
  const log = options.log ?? ((m: string) => console.warn(`[updater] ${m}`));
  let ready: string | null = null;

  const useChannel = (channel: UpdateChannel) => {
    if (options.feedUrl) updater.setFeedURL({ provider: 'generic', url: options.feedUrl, channel: CHANNEL_FILE[channel] });
    updater.channel = CHANNEL_FILE[channel];
    // Setting a channel lets electron-updater install an older version; a feed must not be able
    // to roll a register back to a release with a known flaw.
    updater.allowDowngrade = false;
  };
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => log(`check failed: ${error instanceof Error ? error.message : String(error)}`));
  };

  updater.autoDownload = true; // downloading never disturbs the till; installing waits for a restart
  updater.autoInstallOnAppQuit = true; // a register shut down at closing time comes back updated
  updater.on('update-downloaded', (info) => {
    ready = info.version;
    options.onReady(info.version);
  });
  updater.on('error', (error) => log(error.message));
  useChannel(options.channel);
  check();
  const timer = setInterval(check, options.checkEveryMs ?? 4 * 60 * 60_000);
  timer.unref?.();

  return {
    setChannel(channel) {
      useChannel(channel);
      check();
    },
    restart() {
      if (ready) updater.quitAndInstall(false, true);
    },
    stop: () => clearInterval(timer),
  };
}

const feedFile = z.object({
  url: z
    .string()
    .url()
    .refine((u) => new URL(u).protocol === 'https:', { message: 'the update feed must be an https:// address' }),
});

/**
 * The store's own update feed, from `update.json` in the data folder (`{"url": "https://…"}`).
 * No file: null (the feed in app-update.yml). A bad file is reported and ignored, never half-used.
 */
export function readUpdateFeed(dataDir: string, log: (message: string) => void = (m) => console.warn(`[updater] ${m}`)): string | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, 'update.json'), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = feedFile.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.url;
    log(`update.json ignored: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
  } catch {
    log('update.json ignored: not JSON');
  }
  return null;
}
