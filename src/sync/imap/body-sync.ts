import type { ImapFlow, MailboxObject } from 'imapflow';
import { checkFetched, toSequenceSet } from './fetched-message';
import type { FetchedBody, ImapSyncSink } from './sink';
import type { Quarantined, SyncProgress } from './progress';

export interface BodySyncOptions {
  /** Messages per body FETCH and per sink batch. */
  bodyChunk: number;
  /** Bodies larger than this stay header-only until the user opens them. */
  bodyMaxBytes: number;
}

/**
 * Second pass of the initial sync: fetches full sources for header-only rows, newest first,
 * in chunks. Stops quietly when the folder's UIDVALIDITY is no longer the one given.
 */
export async function syncBodies(
  client: ImapFlow, sink: ImapSyncSink, path: string, uidValidity: bigint, options: BodySyncOptions,
  report: (p: SyncProgress) => void,
): Promise<{ fetched: number; quarantined: Quarantined[] }> {
  const quarantined: Quarantined[] = [];
  let fetched = 0;
  const first = await sink.pendingBodies(path, { limit: Number.MAX_SAFE_INTEGER, maxSize: options.bodyMaxBytes });
  if (first.length === 0) return { fetched, quarantined };
  const total = first.length;
  const lock = await client.getMailboxLock(path, { description: 'pmsync body sync' });
  try {
    if (BigInt((client.mailbox as MailboxObject).uidValidity) !== uidValidity) return { fetched, quarantined };
    // Ask for every pending UID once: a UID that vanished meanwhile simply returns nothing.
    for (let start = 0; start < first.length; start += options.bodyChunk) {
      const chunk = first.slice(start, start + options.bodyChunk);
      const bodies: FetchedBody[] = [];
      for await (const m of client.fetch(toSequenceSet(chunk), { uid: true, source: true }, { uid: true })) {
        const checked = checkFetched(m, false);
        if (checked.ok) bodies.push({ uid: checked.message.uid, raw: checked.message.raw });
        else {
          await sink.quarantine(path, uidValidity, checked.uid, checked.reason);
          quarantined.push({ folder: path, uid: checked.uid, reason: checked.reason });
        }
      }
      const applied = await sink.applyBodies(path, uidValidity, bodies);
      for (const q of applied.quarantined) quarantined.push({ folder: path, ...q });
      fetched += bodies.length;
      report({ folder: path, phase: 'bodies', done: Math.min(start + chunk.length, total), total });
    }
  } finally {
    lock.release();
  }
  return { fetched, quarantined };
}
