/**
 * Fills a profile with the demo mailbox by going through the real import path: one mbox per
 * folder in a private temp directory, imported with ImportService.importFiles, then deleted.
 * The demo therefore exercises the same parser, threading and FTS code a user's import does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImportResult } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import type { GenerateMailboxOptions } from './generate-mailbox';
import { writeCorpus } from './write-corpus';

/** The part of ImportService this needs (kept structural so tests can pass a recording importer). */
export interface MboxImporter {
  importFiles(paths: string[], opts?: { folder?: string }): Promise<ImportResult>;
}

export interface SeedDemoOptions {
  /** Messages to generate (default 600: a few months of plausible mail, imported in ~a second). */
  count?: number;
  /** Where the short-lived mbox files go (default: the OS temp dir). Created with mode 0700. */
  tmpDir?: string;
  seed?: number;
  me?: GenerateMailboxOptions['me'];
  now?: Date;
  remoteImageUrl?: string;
}

export interface SeedDemoResult {
  imported: number;
  duplicates: number;
  failed: ImportResult['failed'];
  /** Messages generated per folder path. */
  folders: Record<string, number>;
}

export const DEMO_IDENTITY = { name: 'Alex Demo', address: 'alex@pmsync.example' } as const;
export const DEMO_SEED = 20_240_601;

export async function seedDemoProfile(importService: MboxImporter, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  let dir: string;
  try {
    dir = await mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), 'pmsync-demo-'));
  } catch (err) {
    throw new PmsyncError('IMPORT_FAILED', `Cannot create a temporary folder for the demo mailbox: ${(err as Error).message}`,
      'Check that the temporary directory exists and is writable (or pass another tmpDir), then run the demo again.');
  }
  const result: SeedDemoResult = { imported: 0, duplicates: 0, failed: [], folders: {} };
  try {
    const corpus = await writeCorpus({
      seed: opts.seed ?? DEMO_SEED,
      count: opts.count ?? 600,
      me: opts.me ?? DEMO_IDENTITY,
      now: opts.now,
      remoteImageUrl: opts.remoteImageUrl,
      eol: '\n',
      mboxDir: dir,
    });
    // The folder is passed explicitly: a file name cannot say "Work/Projects".
    for (const { folder, messages, mboxFile } of corpus.folders) {
      const r = await importService.importFiles([mboxFile as string], { folder });
      result.imported += r.imported;
      result.duplicates += r.duplicates;
      result.failed.push(...r.failed);
      result.folders[folder] = messages;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}
