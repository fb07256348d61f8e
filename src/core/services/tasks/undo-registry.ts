import crypto from 'node:crypto';
import { PmsyncError } from '../../../shared/errors';
import type { Clock } from '../../../sync/imap/clock';

export interface UndoEntry {
  /** tasks.undo_group of the tasks the action queued (none for the Local Folders account). */
  group: string;
  /** Where each message was and where the action put it. */
  moves: { id: number; accountId: number; from: number; to: number }[];
}

/**
 * Undo tokens live in memory only, for `ttlMs`: an undo is a "sorry, not that" right after the
 * action, not something to resume after a restart. The persisted side is the task group.
 */
export class UndoRegistry {
  private readonly entries = new Map<string, UndoEntry & { expiresAt: number }>();

  constructor(private readonly clock: Clock, private readonly ttlMs = 60_000) {}

  register(entry: UndoEntry): string {
    this.sweep();
    const token = `undo-${crypto.randomUUID()}`;
    this.entries.set(token, { ...entry, expiresAt: this.clock.now() + this.ttlMs });
    return token;
  }

  /** Removes and returns the entry; an unknown or expired token says so plainly. */
  take(token: string): UndoEntry {
    const entry = this.entries.get(token);
    this.entries.delete(token);
    if (!entry || entry.expiresAt < this.clock.now()) {
      throw new PmsyncError('NOT_FOUND', 'This action can no longer be undone (undo is available for a minute, once).',
        'Move the messages back by hand: they are in the folder they were moved to.');
    }
    return entry;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [token, e] of this.entries) if (e.expiresAt < now) this.entries.delete(token);
  }
}
