/**
 * Generates a demo mailbox and writes it to disk in one pass, in any mix of: one mbox per
 * folder, one mbox with everything, a Maildir tree. One pass means the same bytes land in every
 * form without holding the mailbox in memory (100k messages are ~2 GB).
 */
import path from 'node:path';
import { generateMailbox, type GenerateMailboxOptions } from './generate-mailbox';
import { MaildirWriter, MboxFileWriter, type MaildirOptions } from './write-mailbox';

export interface WriteCorpusOptions extends GenerateMailboxOptions {
  /** Write one mbox per folder into this (existing) directory, named by mboxFileName(). */
  mboxDir?: string;
  /** Write every message into this one mbox file. */
  mboxFile?: string;
  /** Write a Maildir tree under this directory. */
  maildir?: string;
  maildirLayout?: MaildirOptions['layout'];
  /** Called every 1000 messages and at the end. */
  onProgress?: (written: number) => void;
}

export interface CorpusFolder {
  folder: string;
  messages: number;
  /** The per-folder mbox, when mboxDir was given. */
  mboxFile?: string;
}

export interface CorpusStats {
  messages: number;
  /** Bytes of the messages themselves (without mbox separators). */
  rawBytes: number;
  folders: CorpusFolder[];
}

/**
 * A file name for a folder's mbox that an importer maps back to a sensible folder name:
 * `Inbox.mbox`, `Sent.mbox`, `Work-Projects.mbox` ('/' cannot be in a file name).
 */
export function mboxFileName(folder: string): string {
  return `${folder.replace(/\//g, '-').replace(/[^\p{L}\p{N}._ -]+/gu, '_')}.mbox`;
}

export async function writeCorpus(opts: WriteCorpusOptions): Promise<CorpusStats> {
  const perFolder = new Map<string, { info: CorpusFolder; writer: MboxFileWriter | null }>();
  const usedNames = new Set<string>();
  const all = opts.mboxFile ? new MboxFileWriter(opts.mboxFile) : null;
  const maildir = opts.maildir ? new MaildirWriter(opts.maildir, { layout: opts.maildirLayout }) : null;
  const stats: CorpusStats = { messages: 0, rawBytes: 0, folders: [] };
  const closeAll = (): Promise<unknown> => Promise.allSettled([
    all?.close(), maildir?.close(), ...[...perFolder.values()].map((f) => f.writer?.close()),
  ]);
  try {
    for (const message of generateMailbox(opts)) {
      let entry = perFolder.get(message.folder);
      if (!entry) {
        let writer: MboxFileWriter | null = null;
        const info: CorpusFolder = { folder: message.folder, messages: 0 };
        if (opts.mboxDir) {
          let name = mboxFileName(message.folder);
          for (let i = 2; usedNames.has(name.toLowerCase()); i++) name = mboxFileName(`${message.folder} ${i}`);
          usedNames.add(name.toLowerCase());
          info.mboxFile = path.join(opts.mboxDir, name);
          writer = new MboxFileWriter(info.mboxFile);
        }
        entry = { info, writer };
        perFolder.set(message.folder, entry);
        stats.folders.push(info);
      }
      entry.info.messages++;
      stats.messages++;
      stats.rawBytes += message.raw.length;
      await Promise.all([entry.writer?.write(message), all?.write(message), maildir?.write(message)]);
      if (stats.messages % 1000 === 0) opts.onProgress?.(stats.messages);
    }
    await Promise.all([all?.close(), maildir?.close(), ...[...perFolder.values()].map((f) => f.writer?.close())]);
  } catch (err) {
    await closeAll();
    throw err;
  }
  opts.onProgress?.(stats.messages);
  return stats;
}
