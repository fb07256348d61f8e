import { describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { classifyStoreError } from './errors';

function sqliteError(code: string): Error {
  return Object.assign(new Error(`sqlite said ${code}`), { code });
}

const codeOf = (err: unknown, phase: 'open' | 'use' = 'use'): string | undefined => {
  const out = classifyStoreError(err, '/tmp/profile', phase);
  return out instanceof PmsyncError ? out.code : undefined;
};

describe('classifyStoreError', () => {
  it('maps storage failures to codes a user can act on', () => {
    expect(codeOf(sqliteError('SQLITE_FULL'))).toBe('DISK_FULL');
    expect(codeOf(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe('DISK_FULL');
    expect(codeOf(sqliteError('SQLITE_CORRUPT'))).toBe('DB_CORRUPT');
    expect(codeOf(sqliteError('SQLITE_CORRUPT_INDEX'))).toBe('DB_CORRUPT');
    expect(codeOf(sqliteError('SQLITE_NOTADB'), 'use')).toBe('DB_CORRUPT');
    expect(codeOf(sqliteError('SQLITE_BUSY'))).toBe('PROFILE_LOCKED');
    expect(codeOf(sqliteError('SQLITE_BUSY_SNAPSHOT'))).toBe('PROFILE_LOCKED');
    expect(codeOf(sqliteError('SQLITE_LOCKED'))).toBe('PROFILE_LOCKED');
  });

  it('leaves NOTADB while opening to the caller, and unknown errors alone', () => {
    const notadb = sqliteError('SQLITE_NOTADB');
    expect(classifyStoreError(notadb, '/p', 'open')).toBe(notadb);
    const other = new TypeError('bug');
    expect(classifyStoreError(other, '/p', 'use')).toBe(other);
    // An I/O error on a disk with free space is not called "full".
    expect(codeOf(sqliteError('SQLITE_IOERR_WRITE'))).toBeUndefined();
  });

  it('says what happened and what to do', () => {
    const full = classifyStoreError(sqliteError('SQLITE_FULL'), '/p', 'use') as PmsyncError;
    expect(full.message).toBe('The disk is full; nothing was saved of this change.');
    expect(full.hint).toContain('retry');
    const corrupt = classifyStoreError(sqliteError('SQLITE_CORRUPT'), '/p', 'use') as PmsyncError;
    expect(corrupt.message).toContain('/p is damaged');
    expect(corrupt.hint).toContain('pmsync doctor');
  });
});
