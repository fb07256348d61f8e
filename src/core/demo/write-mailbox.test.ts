import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MboxSplitter } from '../mail/mbox-splitter';
import { generateMailbox } from './generate-mailbox';
import { asctime, envelopeSender, escapeMboxrd, splitMboxrd } from './mbox-format';
import { writeMaildir, writeMbox, writeMboxFile, type MailboxEntry } from './write-mailbox';

const me = { name: 'Alex Demo', address: 'alex@pmsync.example' };
const now = new Date('2025-06-01T12:00:00Z');
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pmsync-h6-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Messages whose bodies would be mangled by a naive mbox writer or reader. */
function trickyMessages(eol: string): MailboxEntry[] {
  const body = ['From the start of a line', '>From an already quoted line', '>>From twice quoted', 'From', ' From indented', ''].join(eol);
  return [
    { raw: Buffer.from(`From: "Eve, X" <eve@example.org>${eol}Subject: tricky${eol}${eol}${body}${eol}`, 'latin1'), date: new Date(Date.UTC(2024, 0, 4, 9, 5)) },
    { raw: Buffer.from(`From: bob@example.org${eol}Subject: no final newline${eol}${eol}last line`, 'latin1'), date: now },
    { raw: Buffer.from(`Subject: no from${eol}${eol}From here${eol}${eol}${eol}`, 'latin1'), date: now },
  ];
}

async function mboxBytes(messages: Iterable<MailboxEntry>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeMbox(messages, out);
  out.end();
  return Buffer.concat(chunks);
}

function splitWithImporter(data: Buffer): Buffer[] {
  const splitter = new MboxSplitter();
  const items = [...splitter.push(data.subarray(0, 1000)), ...splitter.push(data.subarray(1000)), ...splitter.end()];
  return items.map((i) => {
    if (!i.ok) throw new Error(i.reason);
    return i.raw;
  });
}

describe('mboxrd', () => {
  it('formats separator lines as asctime with the envelope sender', () => {
    expect(asctime(new Date(Date.UTC(2024, 0, 4, 9, 5, 7)))).toBe('Thu Jan  4 09:05:07 2024');
    expect(envelopeSender(Buffer.from('Subject: x\nFrom: "Eve, X" <eve@example.org>\n\nbody'))).toBe('eve@example.org');
    expect(envelopeSender(Buffer.from('From: bob@example.org\n\nbody'))).toBe('bob@example.org');
    expect(envelopeSender(Buffer.from('Subject: x\n\nFrom: not a header'))).toBe('MAILER-DAEMON');
  });

  it('escapes every /^>*From / line by one more ">"', () => {
    const escaped = escapeMboxrd(Buffer.from('From a\n>From b\nxFrom c\n>>From d\n')).toString();
    expect(escaped).toBe('>From a\n>>From b\nxFrom c\n>>>From d\n');
  });

  for (const eol of ['\n', '\r\n']) {
    it(`round-trips tricky bodies exactly (${JSON.stringify(eol)}), with our reader and the importer's`, async () => {
      const messages = trickyMessages(eol);
      const data = await mboxBytes(messages);
      expect(data.toString('latin1').startsWith(`From eve@example.org Thu Jan  4 09:05:00 2024${eol}`)).toBe(true);
      const expected = messages.map((m) => (m.raw.toString('latin1').endsWith('\n') ? m.raw : Buffer.concat([m.raw, Buffer.from(eol)])));
      expect(splitMboxrd(data)).toEqual(expected);
      expect(splitWithImporter(data).map((b) => b.toString('latin1').replace(/\r?\n$/, ''))).toEqual(expected.map((b) => b.toString('latin1').replace(/\r?\n$/, '')));
    });
  }

  it('round-trips a generated mailbox through a file', async () => {
    const dir = await tempDir();
    const messages = [...generateMailbox({ seed: 3, count: 400, me, now, eol: '\n' })];
    const file = path.join(dir, 'all.mbox');
    const stats = await writeMboxFile(messages, file);
    const data = await readFile(file);
    expect(stats).toEqual({ messages: 400, bytes: data.length });
    // Buffer.equals, not toEqual: deep-equality on megabytes of Buffers takes vitest minutes.
    const ours = splitMboxrd(data);
    expect(ours).toHaveLength(400);
    expect(ours.filter((b, i) => !b.equals(messages[i].raw))).toHaveLength(0);
    const theirs = splitWithImporter(data);
    expect(theirs).toHaveLength(400);
    expect(theirs.filter((b, i) => !b.equals(messages[i].raw) && !b.equals(messages[i].raw.subarray(0, -1)))).toHaveLength(0);
  });
});

describe('writeMaildir', () => {
  it('writes cur/new/tmp per folder with flags and unique names (fs layout)', async () => {
    const dir = await tempDir();
    const messages = [...generateMailbox({ seed: 5, count: 300, me, now })];
    const stats = await writeMaildir(messages, dir);
    expect(stats.messages).toBe(300);
    expect(new Set(stats.folders)).toEqual(new Set(messages.map((m) => m.folder)));
    let files = 0;
    for (const folder of stats.folders) {
      const sub = await readdir(path.join(dir, folder));
      expect(sub).toEqual(expect.arrayContaining(['cur', 'new', 'tmp']));
      const cur = await readdir(path.join(dir, folder, 'cur'));
      const fresh = await readdir(path.join(dir, folder, 'new'));
      for (const name of cur) expect(name).toMatch(/^\d+\.M\d+P0Q\d+\.pmsync-demo:2,F?S$/);
      for (const name of fresh) expect(name).not.toContain(':');
      files += cur.length + fresh.length;
    }
    expect(files).toBe(300);
    expect(messages.filter((m) => !m.seen).length).toBeGreaterThan(0);
    const first = messages[0];
    const firstDir = path.join(dir, first.folder, first.seen ? 'cur' : 'new');
    const name = (await readdir(firstDir)).find((n) => n.includes('.M0P0Q0.'))!;
    expect((await readFile(path.join(firstDir, name))).equals(first.raw)).toBe(true);
  });

  it("uses Dovecot's Maildir++ names with the maildir++ layout", async () => {
    const dir = await tempDir();
    const entry = (folder: string): MailboxEntry => ({ folder, raw: Buffer.from('Subject: x\r\n\r\nhi\r\n'), date: now, seen: false });
    const stats = await writeMaildir([entry('Inbox'), entry('Work/Projects'), entry('Sent')], dir, { layout: 'maildir++' });
    expect(new Set(stats.folders)).toEqual(new Set(['.', '.Work.Projects', '.Sent']));
    expect((await readdir(path.join(dir, '.Work.Projects', 'new')))).toHaveLength(1);
    await expect(writeMaildir([entry('../escape')], dir)).rejects.toThrow(/cannot be written as a Maildir/);
  });
});
