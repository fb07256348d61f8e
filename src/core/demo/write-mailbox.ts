/**
 * Writes generated (or any) messages as an mboxrd file or a Maildir tree, for the demo profile,
 * the notmuch benchmark and loopback IMAP seeding. Both stream: 100k messages never sit in
 * memory at once.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { escapeMboxrd, mboxSeparator } from './mbox-format';

export interface MailboxEntry {
  raw: Buffer;
  date: Date;
  folder?: string;
  seen?: boolean;
  flagged?: boolean;
}

export interface WriteStats {
  messages: number;
  bytes: number;
}

function eolOf(raw: Buffer): string {
  const lf = raw.indexOf(0x0a);
  return lf > 0 && raw[lf - 1] === 0x0d ? '\r\n' : '\n';
}

/** One message in mboxrd form: separator line, `>From ` escaping, a blank line after it. */
export function mboxChunk(message: MailboxEntry): Buffer {
  const eol = eolOf(message.raw);
  const body = escapeMboxrd(message.raw);
  const endsWithEol = body.length > 0 && body[body.length - 1] === 0x0a;
  return Buffer.concat([
    Buffer.from(mboxSeparator(message.raw, message.date) + eol, 'latin1'),
    body,
    Buffer.from(endsWithEol ? eol : eol + eol, 'latin1'),
  ]);
}

/**
 * Appends messages to `out` in mboxrd form, honouring backpressure. Does not end the stream:
 * the caller owns it.
 */
export async function writeMbox(messages: Iterable<MailboxEntry> | AsyncIterable<MailboxEntry>, out: Writable): Promise<WriteStats> {
  const stats: WriteStats = { messages: 0, bytes: 0 };
  for await (const message of messages) {
    const chunk = mboxChunk(message);
    stats.messages++;
    stats.bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  return stats;
}

/** An mbox file written one message at a time (for writing several files in one pass). */
export class MboxFileWriter {
  private readonly out: WriteStream;
  private failure: Error | null = null;
  readonly stats: WriteStats = { messages: 0, bytes: 0 };

  constructor(readonly filePath: string) {
    this.out = createWriteStream(filePath);
    this.out.on('error', (err) => { this.failure ??= err; });
  }

  async write(message: MailboxEntry): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = mboxChunk(message);
    this.stats.messages++;
    this.stats.bytes += chunk.length;
    // events.once rejects if 'error' fires while waiting, so a failed write cannot hang here.
    if (!this.out.write(chunk)) await once(this.out, 'drain');
    if (this.failure) throw this.failure;
  }

  async close(): Promise<WriteStats> {
    if (this.failure) {
      this.out.destroy();
      throw this.failure;
    }
    this.out.end();
    await once(this.out, 'close');
    if (this.failure) throw this.failure;
    return this.stats;
  }
}

/** writeMbox into a new file at `filePath` (created or truncated), closed when done. */
export async function writeMboxFile(messages: Iterable<MailboxEntry> | AsyncIterable<MailboxEntry>, filePath: string): Promise<WriteStats> {
  const writer = new MboxFileWriter(filePath);
  try {
    for await (const message of messages) await writer.write(message);
  } catch (err) {
    await writer.close().catch(() => undefined);
    throw err;
  }
  return writer.close();
}

export interface MaildirOptions {
  /**
   * 'fs': each folder is a directory path under `dir` (Work/Projects → dir/Work/Projects/cur),
   * what notmuch's folder: search expects. 'maildir++': Inbox is `dir` itself, others are
   * `.Sent`, `.Work.Projects` (Dovecot's default Maildir layout).
   */
  layout?: 'fs' | 'maildir++';
  /** Concurrent file writes (default 16). */
  concurrency?: number;
}

function folderDir(dir: string, folder: string, layout: 'fs' | 'maildir++'): string {
  const segments = folder.split('/').filter(Boolean);
  if (segments.some((s) => s === '.' || s === '..')) throw new Error(`Folder name "${folder}" cannot be written as a Maildir: it contains "." or ".." segments.`);
  if (layout === 'fs') return path.join(dir, ...segments);
  return folder.toLowerCase() === 'inbox' ? dir : path.join(dir, '.' + segments.join('.'));
}

/**
 * A Maildir tree written one message at a time: each message is one file in `<folder>/cur`
 * (seen, with `:2,FS` flags) or `<folder>/new` (unseen); cur/new/tmp are created per folder.
 * File names are unique and deterministic: `<unix seconds>.M<n>P0Q<n>.pmsync-demo`. Files go
 * straight to cur/new rather than through tmp/ because the tree is being created and nothing
 * reads it concurrently. Up to `concurrency` writes are in flight.
 */
export class MaildirWriter {
  private readonly layout: 'fs' | 'maildir++';
  private readonly concurrency: number;
  private readonly created = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;
  private n = 0;
  readonly stats: WriteStats = { messages: 0, bytes: 0 };

  constructor(readonly dir: string, opts: MaildirOptions = {}) {
    this.layout = opts.layout ?? 'fs';
    this.concurrency = opts.concurrency ?? 16;
  }

  private ensure(folderPath: string): Promise<void> {
    let p = this.created.get(folderPath);
    if (!p) {
      p = Promise.all(['cur', 'new', 'tmp'].map((d) => mkdir(path.join(folderPath, d), { recursive: true }))).then(() => undefined);
      this.created.set(folderPath, p);
    }
    return p;
  }

  async write(message: MailboxEntry): Promise<void> {
    if (this.failure) throw this.failure;
    const folderPath = folderDir(this.dir, message.folder ?? 'Inbox', this.layout);
    const n = this.n++;
    const base = `${Math.floor(message.date.getTime() / 1000)}.M${n}P0Q${n}.pmsync-demo`;
    const flags = `${message.flagged ? 'F' : ''}${message.seen === false ? '' : 'S'}`;
    const file = message.seen === false ? path.join(folderPath, 'new', base) : path.join(folderPath, 'cur', `${base}:2,${flags}`);
    this.stats.messages++;
    this.stats.bytes += message.raw.length;
    const task = this.ensure(folderPath).then(() => writeFile(file, message.raw)).catch((err: unknown) => { this.failure ??= err; });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
    if (this.pending.size >= this.concurrency) await Promise.race(this.pending);
  }

  /** Waits for every write; returns the stats and the folders written, relative to `dir`. */
  async close(): Promise<WriteStats & { folders: string[] }> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
    return { ...this.stats, folders: [...this.created.keys()].map((p) => path.relative(this.dir, p) || '.') };
  }
}

export async function writeMaildir(messages: Iterable<MailboxEntry> | AsyncIterable<MailboxEntry>, dir: string, opts: MaildirOptions = {}): Promise<WriteStats & { folders: string[] }> {
  const writer = new MaildirWriter(dir, opts);
  try {
    for await (const message of messages) await writer.write(message);
  } catch (err) {
    await writer.close().catch(() => undefined);
    throw err;
  }
  return writer.close();
}
