import fs from 'node:fs';
import { PmsyncError } from '../../shared/errors';

/**
 * Turns SQLite and file-system failures into errors a user can act on. `phase` matters for
 * SQLITE_NOTADB: while opening, it means the key does not fit the file (the caller decides
 * which, see connection.ts); once the profile is open, it can only mean a damaged page.
 */
export type StorePhase = 'open' | 'use';

const LOW_SPACE_BYTES = 4 * 1024 * 1024;

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function diskFull(): PmsyncError {
  return new PmsyncError(
    'DISK_FULL',
    'The disk is full; nothing was saved of this change.',
    'Free some space on the disk that holds your profile and retry.',
  );
}

export function dbCorrupt(profileDir: string, detail?: string): PmsyncError {
  const why = detail ? ` (${detail})` : '';
  return new PmsyncError(
    'DB_CORRUPT',
    `The profile database at ${profileDir} is damaged${why}.`,
    'Run `pmsync doctor`; restore from your export or backup if it reports errors. The damaged file was left untouched.',
  );
}

export function profileBusy(profileDir: string): PmsyncError {
  return new PmsyncError(
    'PROFILE_LOCKED',
    `The profile at ${profileDir} is busy: another process is writing to it.`,
    'Close the other PMSync window or run `pmsync` commands while it is closed.',
  );
}

/** True when the volume holding `dir` has (almost) no space left: SQLITE_IOERR is often a full disk. */
function volumeIsFull(dir: string): boolean {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize < LOW_SPACE_BYTES;
  } catch {
    return false;
  }
}

/** Maps a thrown value to a PmsyncError when it is a known storage failure; returns it unchanged otherwise. */
export function classifyStoreError(err: unknown, profileDir: string, phase: StorePhase): unknown {
  if (err instanceof PmsyncError) return err;
  const code = errorCode(err) ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) return diskFull();
  if (code.startsWith('SQLITE_IOERR') && volumeIsFull(profileDir)) return diskFull();
  if (code.startsWith('SQLITE_CORRUPT')) return dbCorrupt(profileDir, message);
  if (code === 'SQLITE_NOTADB' && phase === 'use') return dbCorrupt(profileDir, message);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return profileBusy(profileDir);
  return err;
}
