import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../app/services';
import { actionSentence, UndoQueue, type MailActionKind, type UndoEntry } from './undo-queue';

/** A conversation an action applies to, seen in one folder (its messages there are acted on). */
export interface ActionTarget {
  threadId: number;
  folderId: number;
  flagged: boolean;
  unread: boolean;
}

export interface RowOverride {
  flagged?: boolean;
  unread?: boolean;
}

export interface MailActions {
  /** Threads hidden at once by archive/delete/move, until the server answers or undo. */
  hidden: ReadonlySet<number>;
  overrides: ReadonlyMap<number, RowOverride>;
  undoEntry: UndoEntry | null;
  remove(kind: Exclude<MailActionKind, 'delete-forever'> | 'delete-forever', targets: ActionTarget[], toFolder?: { id: number; name: string }): void;
  toggleFlag(targets: ActionTarget[]): void;
  toggleUnread(targets: ActionTarget[]): boolean;
  undo(): void;
  dismissUndo(): void;
}

const OVERRIDE_MS = 4000;

/**
 * Triage with optimistic UI: rows vanish (or change) before the core answers; a failure brings
 * them back with the core's message; archive/delete/move can be undone with the core's token.
 */
export function useMailActions(refresh: () => void): MailActions {
  const { api, notify, reportError } = useServices();
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [overrides, setOverrides] = useState<ReadonlyMap<number, RowOverride>>(new Map());
  const queue = useRef(new UndoQueue());
  const [undoEntry, setUndoEntry] = useState<UndoEntry | null>(null);

  const show = useCallback((ids: number[], visible: boolean) => {
    setHidden((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (visible) next.delete(id);
        else next.add(id);
      }
      return next;
    });
  }, []);

  // The toast goes away when its entry expires.
  useEffect(() => {
    if (!undoEntry) return;
    const t = setTimeout(() => setUndoEntry(queue.current.latest(Date.now()) ?? null), 15_000 - (Date.now() - undoEntry.createdAt) + 50);
    return () => clearTimeout(t);
  }, [undoEntry]);

  /** All message ids of the targets in their folders (a thread's Sent replies stay put). */
  const messageIds = useCallback(async (targets: ActionTarget[]): Promise<number[]> => {
    const threads = await Promise.all(targets.map((t) => api.mail.getThread({ threadId: t.threadId, folderId: t.folderId })));
    return [...new Set(threads.flatMap((t) => t.messages.map((m) => m.id)))];
  }, [api]);

  const remove = useCallback<MailActions['remove']>((kind, targets, toFolder) => {
    if (targets.length === 0) return;
    const threadIds = targets.map((t) => t.threadId);
    show(threadIds, false);
    void (async () => {
      try {
        const ids = await messageIds(targets);
        if (ids.length === 0) return;
        const result = kind === 'archive' ? await api.mail.archive({ messageIds: ids })
          : kind === 'move' && toFolder ? await api.mail.move({ messageIds: ids, toFolderId: toFolder.id })
          : await api.mail.delete({ messageIds: ids });
        const label = actionSentence(kind, targets.length, toFolder?.name);
        if (result.undoToken) {
          const entry = { token: result.undoToken, label, threadIds, createdAt: Date.now() };
          queue.current.push(entry);
          setUndoEntry(entry);
        } else {
          notify({ level: 'info', message: label });
        }
        refresh();
      } catch (err) {
        show(threadIds, true);
        refresh();
        reportError(err, kind === 'archive' ? 'archive' : kind === 'move' ? 'move' : 'delete');
      }
    })();
  }, [api, messageIds, notify, refresh, reportError, show]);

  const override = useCallback((targets: ActionTarget[], change: RowOverride, run: (ids: number[]) => Promise<unknown>, doing: string) => {
    const threadIds = targets.map((t) => t.threadId);
    const set = (on: boolean) => setOverrides((prev) => {
      const next = new Map(prev);
      for (const id of threadIds) {
        if (on) next.set(id, { ...next.get(id), ...change });
        else next.delete(id);
      }
      return next;
    });
    set(true);
    void (async () => {
      try {
        await run(await messageIds(targets));
        refresh();
        // The refetched rows carry the new state by then; the override only bridges the gap.
        setTimeout(() => set(false), OVERRIDE_MS);
      } catch (err) {
        set(false);
        reportError(err, doing);
      }
    })();
  }, [messageIds, refresh, reportError]);

  const toggleFlag = useCallback((targets: ActionTarget[]) => {
    if (targets.length === 0) return;
    const flagged = targets.some((t) => !t.flagged);
    override(targets, { flagged }, (ids) => api.mail.setFlagged({ messageIds: ids, flagged }), flagged ? 'flag' : 'unflag');
  }, [api, override]);

  /** Returns the new unread state (the caller closes the reader when it became unread). */
  const toggleUnread = useCallback((targets: ActionTarget[]) => {
    if (targets.length === 0) return false;
    const unread = targets.every((t) => !t.unread);
    override(targets, { unread }, (ids) => api.mail.setRead({ messageIds: ids, read: !unread }), unread ? 'mark as unread' : 'mark as read');
    return unread;
  }, [api, override]);

  const undo = useCallback(() => {
    const entry = queue.current.take(Date.now());
    setUndoEntry(queue.current.latest(Date.now()) ?? null);
    if (!entry) {
      notify({ level: 'info', message: 'Nothing to undo.' });
      return;
    }
    api.mail.undo({ undoToken: entry.token }).then(
      () => {
        show(entry.threadIds, true);
        refresh();
        notify({ level: 'info', message: `Undone: ${entry.label.charAt(0).toLowerCase()}${entry.label.slice(1)}` });
      },
      (err: unknown) => reportError(err, 'undo'),
    );
  }, [api, notify, refresh, reportError, show]);

  const dismissUndo = useCallback(() => {
    if (undoEntry) queue.current.drop(undoEntry.token);
    setUndoEntry(queue.current.latest(Date.now()) ?? null);
  }, [undoEntry]);

  return useMemo(() => ({ hidden, overrides, undoEntry, remove, toggleFlag, toggleUnread, undo, dismissUndo }), [hidden, overrides, undoEntry, remove, toggleFlag, toggleUnread, undo, dismissUndo]);
}
