import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/** End to end: the built bundle, started as a user would (`node bin/pmsync.mjs`), on a temp profile. */
const repo = path.resolve(__dirname, '..', '..');
const bin = path.join(repo, 'bin', 'pmsync.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-cli-'));
const profile = path.join(tmp, 'profile');
const PASS = 'correct horse battery staple';

interface Run { code: number | null; stdout: string; stderr: string }

function pmsync(args: string[], env: Record<string, string | undefined> = { PMSYNC_PASSPHRASE: PASS }, profileDir = profile): Run {
  const r = spawnSync(process.execPath, [bin, '--profile', profileDir, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function mboxMessage(from: string, subject: string, date: string, body: string, id: string, extraHeaders = ''): string {
  return `From ${from} ${date}\nFrom: ${from}\nTo: me@example.org\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}>\n${extraHeaders}\n${body}\n\n`;
}

const mbox = path.join(tmp, 'Work.mbox');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-core.mjs')], { cwd: repo, stdio: 'pipe' });
  const mimeHeaders = 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="XYZ"\n';
  const attachment = [
    '--XYZ',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The quarterly numbers are attached.',
    '--XYZ',
    'Content-Type: text/csv; name="numbers.csv"',
    'Content-Disposition: attachment; filename="numbers.csv"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('a,b\n1,2\n').toString('base64'),
    '--XYZ--',
  ].join('\n');
  writeFileSync(mbox, [
    mboxMessage('alice@example.org', 'Lunch on Friday', 'Mon, 04 Mar 2024 10:00:00 +0000', 'Shall we try the zanzibar place?', 'lunch-1@example.org'),
    mboxMessage('bob@example.org', 'Quarterly numbers', 'Tue, 05 Mar 2024 11:00:00 +0000', attachment, 'q-1@example.org', mimeHeaders),
    mboxMessage('carol@example.org', 'Re: Lunch on Friday', 'Wed, 06 Mar 2024 12:00:00 +0000', 'Yes, zanzibar it is.', 'lunch-2@example.org', 'In-Reply-To: <lunch-1@example.org>\nReferences: <lunch-1@example.org>\n'),
  ].join(''));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

// Each run starts a process that opens an encrypted profile; leave room for a busy machine.
describe('pmsync CLI (built bundle)', { timeout: 120_000 }, () => {
  it('prints its version and help, and rejects unknown commands and options with exit 2', () => {
    const version = pmsync(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(pmsync(['--help']).stdout).toContain('Usage: pmsync');

    const unknown = pmsync(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('pmsync: Unknown command "frobnicate".');
    const badOption = pmsync(['list', '--bogus']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/^pmsync: .*--bogus/);
    expect(pmsync(['list', '--limit', 'lots']).code).toBe(2);
  });

  it('refuses to open a profile that does not exist yet, pointing at init', () => {
    const r = pmsync(['folders']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pmsync: /);
    noStack(r.stderr);
  });

  it('asks for PMSYNC_PASSPHRASE when there is no terminal', () => {
    const r = pmsync(['init'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PMSYNC_PASSPHRASE');
  });

  it('creates a profile once', () => {
    const r = pmsync(['init']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(profile);
    const again = pmsync(['init']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^pmsync: /);
  });

  it('imports an mbox with progress on stderr and a summary on stdout', () => {
    const r = pmsync(['import', mbox]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Imported 3 messages into Work\.\n$/);
    expect(r.stderr).toContain('Work.mbox: 3 messages');
    const again = pmsync(['import', '--json', mbox]);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, duplicates: 3, failed: [] });
  });

  it('lists folders and threads, shows a message, searches (text and --json)', () => {
    const folders = JSON.parse(pmsync(['folders', '--json']).stdout) as Array<{ path: string; totalCount: number }>;
    expect(folders.find((f) => f.path === 'Work')).toMatchObject({ totalCount: 3 });
    expect(pmsync(['folders']).stdout).toMatch(/Work\s+\d+\s+3/);

    const list = JSON.parse(pmsync(['list', '--folder', 'work', '--json']).stdout) as { total: number; items: Array<{ id: number; subject: string; messageCount: number }> };
    expect(list.total).toBe(2); // the reply joins its thread
    expect(list.items.map((t) => t.subject).sort()).toEqual(['Lunch on Friday', 'Quarterly numbers']);
    expect(list.items.find((t) => t.subject === 'Lunch on Friday')?.messageCount).toBe(2);
    expect(pmsync(['list', '--folder', 'Work', '--limit', '1']).stdout).toContain('2 threads, newest 1 shown');

    const search = JSON.parse(pmsync(['search', '--json', 'quarterly', 'numbers']).stdout) as { total: number; items: Array<{ id: number; subject: string }> };
    expect(search.total).toBe(1);
    expect(search.items[0].subject).toBe('Quarterly numbers');
    expect(pmsync(['search', 'zanzibar']).stdout).toMatch(/^2 matches\n/);

    const show = pmsync(['show', String(search.items[0].id)]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^From:\s+bob@example\.org$/m);
    expect(show.stdout).toMatch(/^Subject:\s+Quarterly numbers$/m);
    expect(show.stdout).toContain('The quarterly numbers are attached.');
    expect(show.stdout).toMatch(/Attachments \(1\):\n\s+numbers\.csv\s+text\/csv\s+8 B/);

    const missing = pmsync(['show', '999999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^pmsync: No message 999999/);
    expect(pmsync(['show', 'abc']).code).toBe(2);
    expect(pmsync(['list', '--folder', 'Nowhere']).code).toBe(1);
  });

  it('reports a healthy profile with doctor', () => {
    const r = pmsync(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('All checks passed.');
    const json = JSON.parse(pmsync(['doctor', '--json']).stdout) as { ok: boolean; messages: number };
    expect(json).toMatchObject({ ok: true, messages: 3 });
  });

  it('says "wrong passphrase" on one line, exit 1, no stack trace', () => {
    const r = pmsync(['folders'], { PMSYNC_PASSPHRASE: 'not the passphrase' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pmsync: .*passphrase/i);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    noStack(r.stderr);
  });

  it('seeds a demo mailbox through the API (npm run demo)', () => {
    const demoProfile = path.join(tmp, 'demo');
    expect(pmsync(['init'], undefined, demoProfile).code).toBe(0);
    const r = pmsync(['demo', '--count', '30', '--json'], undefined, demoProfile);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 30, failed: [] });
  });

  it('serves the API over a token-protected WebSocket and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--profile', profile, 'serve'], { env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const { port, searchParams } = new URL(url);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`, { headers: { Origin: `http://127.0.0.1:${port}` } });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'app.info', input: {} }));
    expect(await reply).toMatchObject({ type: 'response', id: 1, ok: true, value: { messages: 3, keySource: 'passphrase' } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});
