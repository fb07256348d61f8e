/** One undoable change: the core's token, the sentence shown, and what to bring back. */
export interface UndoEntry {
  token: string;
  label: string;
  threadIds: number[];
  createdAt: number;
}

/**
 * The undoable changes of the last few seconds, newest last. Undo always takes the newest one
 * (like an editor's undo stack); entries older than `ttlMs` can no longer be undone from the
 * UI, which keeps well inside the core's own token lifetime.
 */
export class UndoQueue {
  private entries: UndoEntry[] = [];

  constructor(private readonly ttlMs = 15_000, private readonly max = 20) {}

  push(entry: UndoEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.shift();
  }

  /** The newest entry still valid at `now`, without removing it (the toast shows it). */
  latest(now: number): UndoEntry | undefined {
    this.expire(now);
    return this.entries[this.entries.length - 1];
  }

  /** Removes and returns the newest valid entry: the one Undo acts on. */
  take(now: number): UndoEntry | undefined {
    this.expire(now);
    return this.entries.pop();
  }

  /** Forgets one entry (its toast was dismissed). */
  drop(token: string): void {
    this.entries = this.entries.filter((e) => e.token !== token);
  }

  private expire(now: number): void {
    this.entries = this.entries.filter((e) => now - e.createdAt < this.ttlMs);
  }
}

export type MailActionKind = 'archive' | 'delete' | 'delete-forever' | 'move';

/** "Archived 3 conversations", "Moved 1 conversation to Receipts". */
export function actionSentence(kind: MailActionKind, count: number, folderName?: string): string {
  const what = `${count.toLocaleString()} conversation${count === 1 ? '' : 's'}`;
  switch (kind) {
    case 'archive': return `Archived ${what}`;
    case 'delete': return `Moved ${what} to Trash`;
    case 'delete-forever': return `Deleted ${what} forever`;
    case 'move': return folderName ? `Moved ${what} to ${folderName}` : `Moved ${what}`;
  }
}
