// What a browser tab holds after opening the web host's launch link (for tests of the host):
// the run token's cookie, and a seat id of its own from /api/tab.
import type { HttpHost } from '../host/httpHost.js';

export interface WebTab {
  cookie: string;
  tab: string;
  /** The headers every call of this tab carries. */
  headers: Record<string, string>;
}

/** The launch link's cookie (name=value), as a browser's jar would send it back. */
export async function launchCookie(host: HttpHost): Promise<string> {
  const launch = await fetch(host.launchUrl, { redirect: 'manual' });
  return (launch.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** A new tab of a browser holding `cookie` (launches one when not given). */
export async function openWebTab(host: HttpHost, cookie?: string): Promise<WebTab> {
  const jar = cookie ?? (await launchCookie(host));
  const r = await fetch(`${host.origin}/api/tab`, { method: 'POST', headers: { cookie: jar } });
  const body = (await r.json()) as { ok: boolean; value?: { tab: string } };
  if (!body.ok || !body.value) throw new Error(`No tab from the web host: ${JSON.stringify(body)}`);
  return { cookie: jar, tab: body.value.tab, headers: { cookie: jar, 'x-endcap-tab': body.value.tab } };
}
