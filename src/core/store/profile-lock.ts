import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { PmsyncError } from '../../shared/errors';
import { classifyStoreError } from './errors';

const LockInfo = z.object({ pid: z.number().int().positive(), hostname: z.string(), startedAt: z.number() });
type LockInfo = z.infer<typeof LockInfo>;

/** An exclusive claim on a profile folder by this process; release() is idempotent. */
export interface ProfileLock {
  readonly file: string;
  release(): void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = LockInfo.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function lockedError(profileDir: string, holder: LockInfo): PmsyncError {
  const where = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
  return new PmsyncError(
    'PROFILE_LOCKED',
    `The profile at ${profileDir} is open in another PMSync process (pid ${holder.pid}${where}).`,
    'Close the other PMSync window or run `pmsync` commands while it is closed.',
  );
}

function tryCreate(file: string, info: LockInfo): boolean {
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(info));
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Claims `lockFile` with O_EXCL. A lock left by a dead process on this host (or an unreadable,
 * torn one) is stale and taken over; a live holder, or any holder on another host whose pid we
 * cannot check, refuses with PROFILE_LOCKED.
 */
export function acquireProfileLock(profileDir: string, lockFile: string): ProfileLock {
  const me: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: Date.now() };
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryCreate(lockFile, me)) return heldLock(lockFile, me);
      const holder = readLock(lockFile);
      if (holder) {
        const sameHost = holder.hostname === os.hostname();
        if (!sameHost || pidAlive(holder.pid)) throw lockedError(profileDir, holder);
      }
      // Stale: move it aside atomically so two takers cannot both delete a fresh lock.
      try {
        fs.renameSync(lockFile, `${lockFile}.stale`);
        fs.rmSync(`${lockFile}.stale`, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  } catch (err) {
    throw classifyStoreError(err, profileDir, 'open');
  }
  throw new PmsyncError(
    'PROFILE_LOCKED',
    `The profile at ${profileDir} could not be locked: another process keeps claiming it.`,
    'Close the other PMSync window or run `pmsync` commands while it is closed.',
  );
}

function heldLock(file: string, me: LockInfo): ProfileLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const holder = readLock(file);
    // Never delete a lock some other process took over after ours went stale.
    if (holder && holder.pid === me.pid && holder.startedAt === me.startedAt) fs.rmSync(file, { force: true });
  };
  // Best effort: a normal exit without close() still frees the profile.
  process.on('exit', release);
  return { file, release };
}
