/**
 * Reply and forward prefixes in the languages mail clients commonly write, optionally with a
 * counter (`Re[2]:`, `Re(3):`) — matched case-insensitively, repeatedly, with `[list]` tags.
 */
const PREFIX = /^(?:re|fwd?|aw|wg|sv|vs|antw|réf|ref|tr|rif|r|enc|odp)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
const LIST_TAG = /^\[[^\]]{1,64}\]\s*/u;

/** The subject used for last-resort threading: prefixes and list tags removed, lower-cased. */
export function normalizeThreadSubject(subject: string): string {
  let s = subject.normalize('NFC').replace(/\s+/gu, ' ').trim();
  for (;;) {
    const next = s.replace(PREFIX, '').replace(LIST_TAG, '').trim();
    if (next === s) break;
    s = next;
  }
  return s.toLowerCase();
}
