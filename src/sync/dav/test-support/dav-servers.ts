// Test helper: throw-away Radicale 3.1 and Xandikos 0.2.8 on free loopback ports, under temp
// folders (the logic of /work/shared/testenv/dav/start-*.sh, as the project's own code).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../imap/test-support/dovecot';

export interface DavTestServer {
  kind: 'radicale' | 'xandikos';
  /** Server root, e.g. http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  user: string;
  password: string;
  root: string;
  /** Home collections where tests create calendars/address books. */
  calendarHome: string;
  addressBookHome: string;
  /** Raw HTTP as "another client", with this server's credentials. */
  request(method: string, url: string, body?: string, headers?: Record<string, string>): Promise<{ status: number; text: string; etag: string | null }>;
  /** MKCALENDAR (+ displayname and colour) and returns the collection URL. */
  makeCalendar(slug: string, name: string, color?: string): Promise<string>;
  makeAddressBook(slug: string, name: string): Promise<string>;
  /** Stops the process (data stays, so `restart` brings the same server back on the same port). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops and removes the temp folder. */
  dispose(): Promise<void>;
}

export { freePort } from '../../imap/test-support/dovecot';

/** A small bash guard so the server also stops when this test process dies without cleanup. */
function guarded(command: string[], cwd: string): ChildProcess {
  const guard = [
    '"$@" & d=$!',
    'trap \'kill -TERM $d 2>/dev/null; wait $d; exit 0\' TERM INT',
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $d 2>/dev/null; do sleep 0.3; done`,
    'kill -TERM $d 2>/dev/null; wait $d',
  ].join('\n');
  return spawn('bash', ['-c', guard, 'dav-guard', ...command], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function waitReady(url: string, child: ChildProcess, ok: (status: number) => boolean, log: () => string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error(`DAV test server exited before it was ready: ${log()}`);
    try {
      const r = await fetch(url, { method: 'PROPFIND', headers: { depth: '0' } });
      await r.arrayBuffer();
      if (ok(r.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`DAV test server did not become ready: ${log()}`);
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function helpers(base: Omit<DavTestServer, 'request' | 'makeCalendar' | 'makeAddressBook'>): DavTestServer {
  const auth = 'Basic ' + Buffer.from(`${base.user}:${base.password}`).toString('base64');
  const request: DavTestServer['request'] = async (method, url, body, headers = {}) => {
    const r = await fetch(new URL(url, base.url), { method, body, headers: { authorization: auth, ...headers } });
    return { status: r.status, text: await r.text(), etag: r.headers.get('etag') };
  };
  return {
    ...base,
    request,
    async makeCalendar(slug, name, color = '#3366ccff') {
      const url = new URL(`${slug}/`, base.calendarHome).href;
      const body = `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop><D:displayname>${name}</D:displayname><A:calendar-color>${color}</A:calendar-color><C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>`;
      const r = await request('MKCALENDAR', url, body, { 'content-type': 'application/xml' });
      if (r.status !== 201) throw new Error(`MKCALENDAR ${url} -> ${r.status} ${r.text.slice(0, 300)}`);
      return url;
    },
    async makeAddressBook(slug, name) {
      const url = new URL(`${slug}/`, base.addressBookHome).href;
      const body = `<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype><D:displayname>${name}</D:displayname></D:prop></D:set></D:mkcol>`;
      const r = await request('MKCOL', url, body, { 'content-type': 'application/xml' });
      if (r.status !== 201) throw new Error(`MKCOL ${url} -> ${r.status} ${r.text.slice(0, 300)}`);
      return url;
    },
  };
}

/** Radicale with htpasswd (plain) auth and owner-only rights; users alice/alicepw and bob/bobpw. */
export async function startRadicale(): Promise<DavTestServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pmsync-radicale-'));
  const port = await freePort();
  mkdirSync(path.join(root, 'collections'), { recursive: true });
  writeFileSync(path.join(root, 'users'), 'alice:alicepw\nbob:bobpw\n');
  writeFileSync(path.join(root, 'config'), [
    '[server]', `hosts = 127.0.0.1:${port}`, 'max_connections = 20', 'timeout = 30',
    '[auth]', 'type = htpasswd', `htpasswd_filename = ${path.join(root, 'users')}`, 'htpasswd_encryption = plain', 'delay = 0',
    '[rights]', 'type = owner_only',
    '[storage]', 'type = multifilesystem', `filesystem_folder = ${path.join(root, 'collections')}`,
    '[web]', 'type = none',
    '[logging]', 'level = warning', 'mask_passwords = True', '',
  ].join('\n'));
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  let stderr = '';
  const start = async () => {
    stderr = '';
    child = guarded(['radicale', '--config', path.join(root, 'config')], root);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitReady(url, child, (s) => s === 401 || s === 207, () => stderr);
  };
  await start();
  const server = helpers({
    kind: 'radicale', url, port, user: 'alice', password: 'alicepw', root,
    calendarHome: `${url}alice/`, addressBookHome: `${url}alice/`,
    stop: () => stopChild(child),
    restart: start,
    dispose: async () => {
      await stopChild(child);
      rmSync(root, { recursive: true, force: true });
    },
  });
  // Radicale creates the principal collection on the first authenticated request.
  await server.request('PROPFIND', `${url}alice/`, undefined, { depth: '0' });
  return server;
}

/** Xandikos (no auth of its own; single principal /alice/; home sets /alice/calendars/ and /alice/contacts/). */
export async function startXandikos(): Promise<DavTestServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pmsync-xandikos-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  let stderr = '';
  const start = async () => {
    stderr = '';
    child = guarded(['xandikos', '-d', path.join(root, 'data'), '-l', '127.0.0.1', '-p', String(port), '--current-user-principal', '/alice/', '--autocreate'], root);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitReady(`${url}alice/`, child, (s) => s === 207, () => stderr);
  };
  await start();
  return helpers({
    kind: 'xandikos', url, port, user: 'alice', password: 'alicepw', root,
    calendarHome: `${url}alice/calendars/`, addressBookHome: `${url}alice/contacts/`,
    stop: () => stopChild(child),
    restart: start,
    dispose: async () => {
      await stopChild(child);
      rmSync(root, { recursive: true, force: true });
    },
  });
}

/** A VEVENT resource body (UTC times). */
export function eventIcs(uid: string, summary: string, startUtc = '20270105T100000Z', endUtc = '20270105T110000Z'): string {
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pmsync-test//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:${startUtc}\r\nDTEND:${endUtc}\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
}

export function vcard(uid: string, fullName: string): string {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${fullName}\r\nN:${fullName};;;;\r\nEMAIL:${uid.replace(/[^a-z0-9]/gi, '')}@example.test\r\nEND:VCARD\r\n`;
}
