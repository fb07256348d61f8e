/**
 * "Re:" and "Fwd:" for replies and forwards, never stacked. Other clients' prefixes count too
 * (German Aw:/WG:, Nordic Sv:/Vs:, Dutch Antw:, counters like Re[2]: or Re(3):), so a thread
 * bounced between Outlook in German and us does not grow "Re: Aw: Re: Aw:".
 */
const COUNTER = String.raw`\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*`;
const REPLY_PREFIX = new RegExp(`^(?:re|aw|sv|vs|antw|odp|rif|r)${COUNTER}`, 'iu');
const FORWARD_PREFIX = new RegExp(`^(?:fwd?|wg|tr|enc|rv|doorst)${COUNTER}`, 'iu');
// A mailing-list tag ("[dev] Re: …") stays in front; prefixes after it are still removed.
const LIST_TAG = /^\[[^\]]{1,64}\]\s*/u;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;

function stripPrefixes(subject: string, prefix: RegExp): string {
  let s = subject.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim();
  const tag = LIST_TAG.exec(s)?.[0] ?? '';
  s = s.slice(tag.length);
  for (;;) {
    const next = s.replace(prefix, '');
    if (next === s) break;
    s = next;
  }
  return `${tag}${s}`.trim();
}

/** "Re: x" for a reply to "x", "Re: x", "RE: x", "Aw: Re[2]: x"... */
export function replySubject(subject: string): string {
  const rest = stripPrefixes(subject, REPLY_PREFIX);
  return rest === '' ? 'Re:' : `Re: ${rest}`;
}

/** "Fwd: x" for a forward of "x", "Fwd: x", "FW: x", "WG: x"... */
export function forwardSubject(subject: string): string {
  const rest = stripPrefixes(subject, FORWARD_PREFIX);
  return rest === '' ? 'Fwd:' : `Fwd: ${rest}`;
}
