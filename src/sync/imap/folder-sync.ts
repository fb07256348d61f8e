import type { ExpungeEvent, FetchQueryObject, ImapFlow, MailboxObject } from 'imapflow';
import { checkFetched, flagsOf, sameFlags, toSequenceSet } from './fetched-message';
import { UidValidityMismatchError, type AddedMessage, type FlagChange, type FolderChanges, type FolderCursor, type ImapSyncSink } from './sink';
import type { Quarantined, SyncProgress } from './progress';

export interface FolderSyncOptions {
  /** Messages per header FETCH and per sink batch. */
  headerChunk: number;
  /** Up to this many new messages are fetched whole at once instead of headers first. */
  inlineBodyLimit: number;
}

export type SyncStrategy = 'unchanged' | 'qresync' | 'condstore' | 'uid-diff';

export interface FolderSyncResult {
  path: string;
  strategy: SyncStrategy;
  /** True when UIDVALIDITY changed and the folder was refilled. */
  reset: boolean;
  added: number;
  flagChanges: number;
  vanished: number;
  quarantined: Quarantined[];
  uidValidity: bigint;
}

interface Reporter {
  progress(p: SyncProgress): void;
}

interface Delta {
  strategy: SyncStrategy;
  toFetch: number[];
  flagChanges: FlagChange[];
  vanished: number[];
}

/**
 * Brings one folder's headers (or whole small messages) and flags up to date. Holds the
 * mailbox lock throughout, so the selected mailbox cannot change under it.
 */
export async function syncFolder(
  client: ImapFlow, sink: ImapSyncSink, path: string, options: FolderSyncOptions, reporter: Reporter,
): Promise<FolderSyncResult> {
  const vanishedByServer = new Set<number>();
  // VANISHED (EARLIER) answers to CHANGEDSINCE and live VANISHED both arrive as expunge events.
  const onExpunge = (event: ExpungeEvent): void => {
    if (event.path === path && typeof event.uid === 'number') vanishedByServer.add(event.uid);
  };
  client.on('expunge', onExpunge);
  const wasSelected = client.mailbox !== false && client.mailbox.path === path;
  const lock = await client.getMailboxLock(path, { description: 'pmsync folder sync' });
  try {
    // An already selected mailbox keeps the UIDNEXT/HIGHESTMODSEQ of its SELECT: select again.
    if (wasSelected) await client.mailboxOpen(path);
    const mailbox = client.mailbox as MailboxObject;
    const uidValidity = BigInt(mailbox.uidValidity);
    let state = await sink.folderState(path);
    let reset = false;
    if (state && state.uidValidity !== uidValidity) {
      await sink.resetFolder(path, uidValidity);
      state = { uidValidity, highestModseq: null, uidNext: null };
      reset = true;
    }
    const condstore = client.enabled.has('CONDSTORE') && !mailbox.noModseq && mailbox.highestModseq !== undefined;
    const finalCursor: FolderCursor = {
      uidValidity,
      highestModseq: condstore ? BigInt(mailbox.highestModseq as bigint) : null,
      uidNext: mailbox.uidNext,
    };
    const delta = await computeDelta(client, sink, path, mailbox, state, finalCursor, condstore, vanishedByServer);
    const result: FolderSyncResult = {
      path, strategy: delta.strategy, reset, added: 0, flagChanges: delta.flagChanges.length,
      vanished: delta.vanished.length, quarantined: [], uidValidity,
    };
    if (delta.strategy === 'unchanged') return result;

    // While messages are still missing, commit only a cursor that is not ahead of them.
    const partialCursor: FolderCursor = state && state.uidNext !== null ? state : { uidValidity, highestModseq: null, uidNext: null };
    const newestFirst = [...delta.toFetch].sort((a, b) => b - a);
    const firstCursor = newestFirst.length === 0 ? finalCursor : partialCursor;
    await commit(sink, path, { added: [], flagChanges: delta.flagChanges, vanished: delta.vanished, cursor: firstCursor }, result);

    const headersOnly = newestFirst.length > options.inlineBodyLimit;
    const query: FetchQueryObject = headersOnly
      ? { uid: true, flags: true, internalDate: true, size: true, headers: true }
      : { uid: true, flags: true, internalDate: true, size: true, source: true };
    for (let start = 0; start < newestFirst.length; start += options.headerChunk) {
      const chunk = newestFirst.slice(start, start + options.headerChunk);
      const added: AddedMessage[] = [];
      for await (const fetched of client.fetch(toSequenceSet(chunk), query, { uid: true })) {
        const checked = checkFetched(fetched, headersOnly);
        if (checked.ok) added.push(checked.message);
        else {
          await sink.quarantine(path, uidValidity, checked.uid, checked.reason);
          result.quarantined.push({ folder: path, uid: checked.uid, reason: checked.reason });
        }
      }
      const last = start + options.headerChunk >= newestFirst.length;
      await commit(sink, path, { added, flagChanges: [], vanished: [], cursor: last ? finalCursor : partialCursor }, result);
      result.added += added.length;
      reporter.progress({ folder: path, phase: 'headers', done: Math.min(start + chunk.length, newestFirst.length), total: newestFirst.length });
    }
    return result;
  } finally {
    lock.release();
    client.off('expunge', onExpunge);
  }
}

async function computeDelta(
  client: ImapFlow, sink: ImapSyncSink, path: string, mailbox: MailboxObject, state: FolderCursor | undefined,
  finalCursor: FolderCursor, condstore: boolean, vanishedByServer: Set<number>,
): Promise<Delta> {
  const complete = state !== undefined && state.uidNext !== null;
  const local = await sink.localUids(path);
  const canAskChanges = complete && condstore && state.highestModseq !== null;
  if (canAskChanges) {
    if (state.highestModseq === finalCursor.highestModseq && state.uidNext === finalCursor.uidNext) {
      return { strategy: 'unchanged', toFetch: [], flagChanges: [], vanished: [] };
    }
    const qresync = client.enabled.has('QRESYNC');
    const toFetch: number[] = [];
    const flagChanges: FlagChange[] = [];
    if (mailbox.exists > 0) {
      const since = state.highestModseq as bigint;
      for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: since })) {
        const known = local.get(m.uid);
        if (!known) toFetch.push(m.uid);
        else if (!known.quarantined) flagChanges.push({ uid: m.uid, flags: flagsOf(m.flags), modseq: m.modseq ?? null });
      }
    }
    let vanished: number[];
    if (mailbox.exists === 0) vanished = [...local.keys()];
    else if (qresync) vanished = [...vanishedByServer].filter((uid) => local.has(uid));
    else vanished = await vanishedBySearch(client, local);
    return { strategy: qresync ? 'qresync' : 'condstore', toFetch, flagChanges, vanished };
  }

  // No usable cursor or no CONDSTORE: compare the full UID and flag list with what is stored.
  const remote = new Map<number, { flags: string[]; modseq: bigint | null }>();
  if (mailbox.exists > 0) {
    for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) {
      remote.set(m.uid, { flags: flagsOf(m.flags), modseq: m.modseq ?? null });
    }
  }
  const toFetch: number[] = [];
  const flagChanges: FlagChange[] = [];
  for (const [uid, r] of remote) {
    const known = local.get(uid);
    if (!known) toFetch.push(uid);
    else if (!known.quarantined && !sameFlags(known.flags, r.flags)) flagChanges.push({ uid, flags: r.flags, modseq: r.modseq });
  }
  const vanished = [...local.keys()].filter((uid) => !remote.has(uid));
  return { strategy: 'uid-diff', toFetch, flagChanges, vanished };
}

async function vanishedBySearch(client: ImapFlow, local: ReadonlyMap<number, unknown>): Promise<number[]> {
  const all = await client.search({ all: true }, { uid: true });
  const present = new Set(Array.isArray(all) ? all : []);
  return [...local.keys()].filter((uid) => !present.has(uid));
}

/**
 * One sink batch. If the sink throws for the batch as a whole (not a UIDVALIDITY mismatch),
 * the added messages are retried one by one so a single bad message is quarantined instead of
 * stopping the folder.
 */
async function commit(sink: ImapSyncSink, path: string, changes: FolderChanges, result: FolderSyncResult): Promise<void> {
  const empty = changes.added.length === 0 && changes.flagChanges.length === 0 && changes.vanished.length === 0;
  const state = empty ? await sink.folderState(path) : undefined;
  if (empty && state && sameCursor(state, changes.cursor)) return;
  try {
    const applied = await sink.applyChanges(path, changes);
    for (const q of applied.quarantined) result.quarantined.push({ folder: path, ...q });
    return;
  } catch (err) {
    if (err instanceof UidValidityMismatchError || changes.added.length === 0) throw err;
  }
  await sink.applyChanges(path, { ...changes, added: [], cursor: incompleteCursor(changes.cursor) });
  for (const message of changes.added) {
    try {
      const applied = await sink.applyChanges(path, { added: [message], flagChanges: [], vanished: [], cursor: incompleteCursor(changes.cursor) });
      for (const q of applied.quarantined) result.quarantined.push({ folder: path, ...q });
    } catch (err) {
      if (err instanceof UidValidityMismatchError) throw err;
      const reason = `the store refused it: ${err instanceof Error ? err.message : String(err)}`;
      await sink.quarantine(path, changes.cursor.uidValidity, message.uid, reason);
      result.quarantined.push({ folder: path, uid: message.uid, reason });
    }
  }
  await sink.applyChanges(path, { added: [], flagChanges: [], vanished: [], cursor: changes.cursor });
}

/** While isolating a bad message, keep the cursor incomplete until every message is in. */
function incompleteCursor(cursor: FolderCursor): FolderCursor {
  return { uidValidity: cursor.uidValidity, highestModseq: null, uidNext: null };
}

function sameCursor(a: FolderCursor, b: FolderCursor): boolean {
  return a.uidValidity === b.uidValidity && a.highestModseq === b.highestModseq && a.uidNext === b.uidNext;
}
