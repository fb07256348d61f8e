import type { Folder } from '../shared/api/mail';

/** Unread messages across every account's inbox: what the tray shows. */
export function inboxUnreadCount(folders: readonly Folder[]): number {
  let total = 0;
  for (const folder of folders) {
    if (folder.role === 'inbox' && Number.isFinite(folder.unreadCount) && folder.unreadCount > 0) total += folder.unreadCount;
  }
  return total;
}

export function trayTooltip(unread: number | null): string {
  if (unread === null || unread <= 0) return 'PMSync';
  return `PMSync — ${unread} unread`;
}

export interface UnreadWatchDeps {
  listFolders(): Promise<Folder[]>;
  /** Subscribes to `mail.changed`; returns a disposer. */
  onMailChanged(listener: () => void): () => void;
  onCount(count: number): void;
  onError(err: unknown): void;
  /** Coalesces bursts of changes (an import emits many) into one query. */
  delayMs?: number;
}

/**
 * Keeps the unread count fresh: counts once at start, then after each burst of `mail.changed`.
 * At most one query runs at a time; changes during a query schedule one more.
 */
export function watchInboxUnread(deps: UnreadWatchDeps): () => void {
  const delayMs = deps.delayMs ?? 300;
  let disposed = false;
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = async () => {
    if (disposed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const folders = await deps.listFolders();
      if (!disposed) deps.onCount(inboxUnreadCount(folders));
    } catch (err) {
      if (!disposed) deps.onError(err);
    } finally {
      running = false;
      if (again && !disposed) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (disposed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), delayMs);
  };

  const off = deps.onMailChanged(schedule);
  void refresh();
  return () => {
    disposed = true;
    clearTimeout(timer);
    off();
  };
}
