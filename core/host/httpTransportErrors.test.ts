// Every way a request can be wrong before the API sees it is answered in the app's own shape,
// {ok:false, error:{code, message}}, with a typed code and a plain message, never the framework's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/registry.js';
import { MAX_CALL_BODY_BYTES, MAX_CSV_CHARS } from '../contract/errors.js';
import { openSmallStore } from '../testing/smallStore.js';
import { startHttpHost, type HttpHost } from './httpHost.js';
import { openWebTab } from '../testing/webTab.js';

let host: HttpHost;
let tabHeaders: Record<string, string>;
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-static-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Endcap</title>');
  host = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
  tabHeaders = (await openWebTab(host)).headers;
});
afterAll(async () => {
  await host.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

async function send(body: string | undefined, contentType: string | null = 'application/json') {
  const headers: Record<string, string> = { ...tabHeaders };
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${host.origin}/api/call`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
}

const shape = (code: string) => ({ ok: false, error: { code, message: expect.stringMatching(/^[A-Z].+\.$/) } });

describe('transport errors of the loopback host', () => {
  it('malformed JSON', async () => {
    expect(await send('{"name": "session.staff",')).toEqual({ status: 400, body: shape('malformed_json') });
  });

  it('an empty body', async () => {
    expect(await send('')).toEqual({ status: 400, body: shape('empty_body') });
    expect(await send('null')).toEqual({ status: 400, body: shape('empty_body') });
    expect(await send('[1, 2]')).toEqual({ status: 400, body: shape('empty_body') });
  });

  it('a body larger than any call the API accepts', async () => {
    const r = await send(JSON.stringify({ name: 'customers.lookup', input: { query: 'x'.repeat(MAX_CALL_BODY_BYTES) } }));
    expect(r).toEqual({ status: 413, body: shape('body_too_large') });
  });

  it('a wrong content type', async () => {
    expect(await send('name=session.staff', 'application/x-www-form-urlencoded')).toEqual({ status: 415, body: shape('unsupported_media_type') });
    expect(await send('{"name":"session.staff","input":{}}', 'text/plain')).toEqual({ status: 415, body: shape('unsupported_media_type') });
  });

  it('accepts a body as large as the largest CSV the API takes, and lets the API answer it', async () => {
    // Rows of a 1.5 MB file: the transport passes it, the API (not signed in here) answers in its own words.
    const csv = 'id,from_category,to_category,min_delay_days,max_delay_days\n' + 'x,a,b,1,2\n'.repeat(150_000);
    expect(csv.length).toBeGreaterThan(1_500_000);
    expect(csv.length).toBeLessThan(MAX_CSV_CHARS);
    const r = await send(JSON.stringify({ name: 'merch.csv.import', input: { csv, baseRevision: 0 } }));
    expect(r).toMatchObject({ status: 200, body: { ok: false, error: { code: 'unauthenticated' } } });
  });
});
