import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateMailbox } from './generate-mailbox';
import { splitMboxrd } from './mbox-format';
import { mboxFileName, writeCorpus } from './write-corpus';

const opts = { seed: 9, count: 250, me: { name: 'Alex Demo', address: 'alex@pmsync.example' }, now: new Date('2025-06-01T12:00:00Z'), eol: '\n' as const };
let dir = '';

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeCorpus', () => {
  it('writes the same messages to per-folder mboxes, one mbox and a Maildir in one pass', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pmsync-corpus-'));
    await mkdir(path.join(dir, 'folders'));
    const stats = await writeCorpus({ ...opts, mboxDir: path.join(dir, 'folders'), mboxFile: path.join(dir, 'all.mbox'), maildir: path.join(dir, 'maildir') });
    const expected = [...generateMailbox(opts)];
    expect(stats.messages).toBe(250);
    expect(stats.rawBytes).toBe(expected.reduce((n, m) => n + m.raw.length, 0));

    const all = splitMboxrd(await readFile(path.join(dir, 'all.mbox')));
    expect(all.filter((b, i) => !b.equals(expected[i].raw))).toHaveLength(0);

    for (const f of stats.folders) {
      expect(path.basename(f.mboxFile!)).toBe(mboxFileName(f.folder));
      const inFolder = splitMboxrd(await readFile(f.mboxFile!));
      const want = expected.filter((m) => m.folder === f.folder);
      expect(inFolder).toHaveLength(f.messages);
      expect(inFolder.filter((b, i) => !b.equals(want[i].raw))).toHaveLength(0);
      const files = [...await readdir(path.join(dir, 'maildir', f.folder, 'cur')), ...await readdir(path.join(dir, 'maildir', f.folder, 'new'))];
      expect(files).toHaveLength(f.messages);
    }
    expect(stats.folders.map((f) => path.basename(f.mboxFile!)).sort()).toEqual(['Archive.mbox', 'Inbox.mbox', 'Newsletters.mbox', 'Sent.mbox', 'Work-Projects.mbox']);
  });
});
