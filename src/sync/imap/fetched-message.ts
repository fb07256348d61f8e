import { z } from 'zod';
import type { FetchMessageObject } from 'imapflow';
import { notAMessageReason } from './raw-message';
import type { AddedMessage } from './sink';

// The network is a trust boundary: check what imapflow parsed out of the server's answer.
const FetchedShape = z.object({
  uid: z.number().int().positive(),
  flags: z.instanceof(Set).optional(),
  size: z.number().int().nonnegative().optional(),
  internalDate: z.union([z.date(), z.string()]).optional(),
  modseq: z.bigint().optional(),
  source: z.instanceof(Buffer).optional(),
  headers: z.instanceof(Buffer).optional(),
});

export type Checked = { ok: true; message: AddedMessage } | { ok: false; uid: number; reason: string };

/** Turns one FETCH answer into an `AddedMessage`, or says why it has to be quarantined. */
export function checkFetched(fetched: FetchMessageObject, headersOnly: boolean): Checked {
  const parsed = FetchedShape.safeParse(fetched);
  const uid = typeof fetched.uid === 'number' ? fetched.uid : 0;
  if (!parsed.success) return { ok: false, uid, reason: `malformed FETCH response: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const m = parsed.data;
  const raw = headersOnly ? m.headers : m.source;
  if (!raw) return { ok: false, uid, reason: `server sent no ${headersOnly ? 'header' : 'message'} data` };
  const notMessage = notAMessageReason(raw);
  if (notMessage) return { ok: false, uid, reason: `not an RFC 822 message: ${notMessage}` };
  const date = m.internalDate instanceof Date ? m.internalDate.getTime() : m.internalDate ? Date.parse(m.internalDate) : NaN;
  return {
    ok: true,
    message: {
      uid: m.uid,
      flags: flagsOf(fetched.flags),
      internalDate: Number.isFinite(date) ? date : Date.now(),
      size: m.size ?? raw.length,
      modseq: m.modseq ?? null,
      raw,
      headersOnly,
    },
  };
}

export function flagsOf(flags: Set<string> | undefined): string[] {
  return flags ? [...flags].filter((f) => f !== '\\Recent').sort() : [];
}

export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((f, i) => f === sb[i]);
}

/** Compact IMAP sequence set ("1:5,9,12:14") for a list of UIDs. */
export function toSequenceSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(',');
}
