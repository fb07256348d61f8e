import { execFileSync, spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventIcs, startRadicale, vcard, type DavTestServer } from '../../sync/dav/test-support/dav-servers';
import { openProfile } from '../store/index';
import { SqliteProfileStore } from '../store/sqlite-profile-store';

/** `pmsync account add dav`, `account list`, `sync --once` as a user runs them (a private build of the CLI), against Radicale. */
const repo = path.resolve(__dirname, '..', '..', '..');
const bundle = path.join(repo, 'out', `test-dav-cli-${process.pid}`);
const cli = path.join(bundle, 'cli.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-cli-dav-'));
const PASS = 'dav cli passphrase';
let server: DavTestServer;
let workUrl: string;

interface Run { code: number | null; stdout: string; stderr: string }

function pmsync(profile: string, args: string[], extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [cli, '--profile', profile, ...args], {
    encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS, DAVPW: 'alicepw', ...extraEnv }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As pmsync(), without blocking this process (the in-process proxy must keep answering). */
function pmsyncAsync(profile: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--profile', profile, ...args], { env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS, DAVPW: 'alicepw' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readProfile(profile: string): Promise<{ collections: { url: string; token: string | null; n: number }[] }> {
  const store = await openProfile({ profileDir: profile, unlock: { kind: 'passphrase', passphrase: PASS } });
  try {
    if (!(store instanceof SqliteProfileStore)) throw new Error('expected the SQLCipher store');
    const rows = store.connection.prepare(`SELECT c.url, c.sync_token AS token, (SELECT count(*) FROM dav_resources r WHERE r.collection_id = c.id) AS n
      FROM dav_collections c ORDER BY c.url`).all() as { url: string; token: string | null; n: number }[];
    return { collections: rows };
  } finally {
    store.close();
  }
}

/** HTTP proxy to the server; the first REPORT on `stallPath` gets half its answer, then nothing until release(). */
async function stallingProxy(target: string, stallPath: string): Promise<{ url: string; stalled: Promise<void>; release(): void; close(): Promise<void> }> {
  const upstream = new URL(target);
  let stalling = true;
  let signal: () => void = () => undefined;
  const stalled = new Promise<void>((r) => (signal = r));
  const held: http.ServerResponse[] = [];
  const proxy = http.createServer((req, res) => {
    const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      if (!(stalling && req.method === 'REPORT' && req.url === stallPath)) {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const all = Buffer.concat(chunks);
        const headers = { ...r.headers };
        delete headers['content-length'];
        res.writeHead(r.statusCode ?? 502, { ...headers, 'transfer-encoding': 'chunked' });
        res.write(all.subarray(0, all.length >> 1));
        held.push(res);
        signal();
      });
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`,
    stalled,
    release: () => {
      stalling = false;
    },
    close: async () => {
      for (const r of held) r.destroy();
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    },
  };
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-core.mjs'), '--outdir', bundle], { cwd: repo, stdio: 'pipe' });
  server = await startRadicale();
  workUrl = await server.makeCalendar('work', 'Work', '#00ff00ff');
  const people = await server.makeAddressBook('people', 'People');
  for (let i = 0; i < 12; i++) await server.request('PUT', `${workUrl}e${i}.ics`, eventIcs(`e${i}`, `Event ${i}`), { 'content-type': 'text/calendar' });
  for (let i = 0; i < 8; i++) await server.request('PUT', `${people}c${i}.vcf`, vcard(`c${i}`, `Card ${i}`), { 'content-type': 'text/vcard' });
}, 120_000);

afterAll(async () => {
  await server?.dispose();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bundle, { recursive: true, force: true });
});

describe('pmsync with a CalDAV/CardDAV account', () => {
  const profile = path.join(tmp, 'profile');

  it('adds the account after discovery and prints what it found', () => {
    expect(pmsync(profile, ['init']).code).toBe(0);
    const bad = pmsync(profile, ['account', 'add', 'dav', '--url', server.url, '--user', 'alice', '--password-env', 'WRONGPW'], { WRONGPW: 'nope' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/password/i);
    const add = pmsync(profile, ['account', 'add', 'dav', '--url', server.url, '--user', 'alice', '--password-env', 'DAVPW']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Calendars \(1\):\n {2}Work\s+#00ff00ff\s+read-write\s+VEVENT,VTODO/);
    expect(add.stdout).toMatch(/Address books \(1\):\n {2}People/);
    const list = JSON.parse(pmsync(profile, ['account', 'list', '--json']).stdout) as { id: number; kind: string; calendars?: number; lastSyncAt: number | null }[];
    expect(list.filter((a) => a.kind === 'dav')).toEqual([expect.objectContaining({ kind: 'dav', calendars: 1, addressBooks: 1, lastSyncAt: null })]);
    expect(pmsync(profile, ['account', 'list']).stdout).toMatch(/dav\s+alice@127\.0\.0\.1:\d+\s+never/);
  });

  it('syncs every item with `sync --once`, then only what changed', async () => {
    const first = pmsync(profile, ['sync', '--once', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).accounts).toEqual([expect.objectContaining({ ok: true, changed: 20, removed: 0 })]);
    expect((await readProfile(profile)).collections.map((c) => c.n)).toEqual([8, 12]);

    await server.request('PUT', `${workUrl}e0.ics`, eventIcs('e0', 'Event 0 moved'), { 'content-type': 'text/calendar' });
    await server.request('DELETE', `${workUrl}e1.ics`);
    const second = pmsync(profile, ['sync', '--once']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('calendars and contacts up to date (1 new or changed, 1 removed)');
    const listed = JSON.parse(pmsync(profile, ['account', 'list', '--json']).stdout) as { kind: string; lastSyncAt: number | null }[];
    expect(listed.find((a) => a.kind === 'dav')?.lastSyncAt).toBeGreaterThan(0);
  });

  it('never saves a sync token ahead of the data when the process is killed mid-sync', async () => {
    const big = `${server.calendarHome}big/`;
    const N = 1000;
    const body = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n${Array.from({ length: N }, (_, i) => `BEGIN:VEVENT${eventIcs(`big${i}`, `Big ${i}`).split('BEGIN:VEVENT')[1]?.split('END:VCALENDAR')[0] ?? ''}`).join('')}END:VCALENDAR\r\n`;
    // One whole-collection PUT on a new URL makes a calendar of N items (Radicale; fast seeding).
    expect((await server.request('PUT', big, body, { 'content-type': 'text/calendar' })).status).toBeLessThan(300);
    // Through a proxy that sends half of the big calendar's sync-collection answer and then stalls:
    // the client is killed exactly while that collection's data is in flight.
    const proxy = await stallingProxy(server.url, new URL(big).pathname);
    const killed = path.join(tmp, 'killed');
    try {
      expect(pmsync(killed, ['init']).code).toBe(0);
      expect((await pmsyncAsync(killed, ['account', 'add', 'dav', '--url', proxy.url, '--user', 'alice', '--password-env', 'DAVPW'])).code).toBe(0);
      const child = spawn(process.execPath, [cli, '--profile', killed, 'sync', '--once'], { env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS }, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      await proxy.stalled;
      child.kill('SIGKILL');
      await exited;
      const state = (await readProfile(killed)).collections.find((c) => c.url.endsWith('/alice/big/'));
      expect(state).toMatchObject({ token: null, n: 0 });
      proxy.release();
      expect((await pmsyncAsync(killed, ['sync', '--once'])).code).toBe(0);
      const after = (await readProfile(killed)).collections.find((c) => c.url.endsWith('/alice/big/'));
      expect(after?.n).toBe(N);
      expect(after?.token).toBeTruthy();
    } finally {
      await proxy.close();
    }
  }, 180_000);
});
