import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRadicale, type DavTestServer } from '../../sync/dav/test-support/dav-servers';
import { WEEKLY_BERLIN } from '../calendar/test-support/ics';

/** `pmsync events`, `event add|update|delete` as a user runs them (a private CLI build), against Radicale. */
const repo = path.resolve(__dirname, '..', '..', '..');
const bundle = path.join(repo, 'out', `test-event-cli-${process.pid}`);
const cli = path.join(bundle, 'cli.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-cli-event-'));
const profile = path.join(tmp, 'profile');
const PASS = 'event cli passphrase';
let server: DavTestServer;
let calUrl: string;

function pmsync(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, '--profile', profile, ...args], {
    encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS, DAVPW: server.password, TZ: 'Europe/Berlin' }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(r: { code: number | null; stdout: string; stderr: string }): T {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

async function serverSummaries(): Promise<string[]> {
  const listing = await server.request('PROPFIND', calUrl, undefined, { depth: '1' });
  const out: string[] = [];
  for (const m of listing.text.matchAll(/<(?:\w+:)?href>([^<]+\.ics)</g)) {
    const data = (await server.request('GET', new URL(m[1], server.url).toString())).text;
    // TEXT values arrive escaped (RFC 5545 §3.3.11): "Retro\\, with cake" on the wire.
    expect(data).not.toMatch(/^SUMMARY:[^\r\n]*[^\\],/m);
    out.push(...[...data.matchAll(/^SUMMARY:(.*)$/gm)].map((s) => s[1].trim().replace(/\\([,;\\])/g, '$1')));
  }
  return out.sort();
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-core.mjs'), '--outdir', bundle], { cwd: repo, stdio: 'pipe' });
  server = await startRadicale();
  calUrl = await server.makeCalendar('work', 'Work');
  await server.request('PUT', `${calUrl}weekly.ics`, WEEKLY_BERLIN, { 'content-type': 'text/calendar' });
  expect(pmsync('init').code).toBe(0);
  expect(pmsync('account', 'add', 'dav', '--url', server.url, '--user', server.user, '--password-env', 'DAVPW').code).toBe(0);
  expect(pmsync('sync', '--once').code).toBe(0);
}, 180_000);
afterAll(async () => {
  await server?.dispose();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bundle, { recursive: true, force: true });
});

interface Instance { eventId: number; calendarId: number; title: string; start: number; instanceStart: number; recurring: boolean }

it('lists expanded instances, adds, edits one occurrence and deletes, and `sync` puts it all on the server', async () => {
  const listed = json<Instance[]>(pmsync('events', '--from', '2024-03-01', '--to', '2024-05-01', '--json'));
  expect(listed.map((i) => [new Date(i.start).toISOString().slice(5, 16), i.title])).toEqual([
    ['03-11T09:00', 'Standup'], ['03-25T09:00', 'Standup'], ['04-01T08:00', 'Standup'], ['04-09T12:00', 'Standup (moved)'], ['04-15T08:00', 'Standup'],
  ]);
  const { eventId, calendarId } = listed[0];
  const text = pmsync('events', '--from', '2024-03-01', '--to', '2024-05-01');
  expect(text.stdout).toContain('Standup (moved)');

  // One occurrence: 1 April, 10:00 Berlin time (the CLI reads times without offset in the local zone).
  const updated = json<{ title: string }>(pmsync('event', 'update', String(eventId), '--instance', '2024-04-01T10:00', '--scope', 'this', '--title', 'Retro, with cake', '--json'));
  expect(updated.title).toBe('Retro, with cake');
  const added = json<{ id: number; start: number }>(pmsync('event', 'add', '--calendar', String(calendarId), '--title', 'Dentist', '--start', '2024-06-03T09:00', '--end', '2024-06-03T10:00', '--location', 'Main St', '--json'));
  expect(added.start).toBe(Date.UTC(2024, 5, 3, 7));
  expect(pmsync('event', 'delete', String(eventId), '--instance', '2024-04-15T10:00', '--scope', 'this').code).toBe(0);

  expect(pmsync('sync', '--once').code).toBe(0);
  expect(await serverSummaries()).toEqual(['Dentist', 'Retro, with cake', 'Standup', 'Standup (moved)']);
  const after = json<Instance[]>(pmsync('events', '--from', '2024-03-01', '--to', '2024-07-01', '--json'));
  expect(after.map((i) => i.title)).toEqual(['Standup', 'Standup', 'Retro, with cake', 'Standup (moved)', 'Dentist']);

  const bad = pmsync('event', 'update', String(eventId), '--scope', 'sometimes', '--title', 'x');
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/--scope must be this, following or all/);
}, 180_000);
