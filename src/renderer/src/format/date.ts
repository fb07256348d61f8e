export interface DateFormatOptions {
  /** BCP 47 locale; undefined means the user's. */
  locale?: string;
  /** IANA zone; undefined means the user's. Tests pin it. */
  timeZone?: string;
}

function dayKey(ms: number, opts: DateFormatOptions): { y: string; m: string; d: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: opts.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { y: get('year'), m: get('month'), d: get('day') };
}

/**
 * The compact date of a list row: today → time ("14:05"), this year → "Mar 4",
 * older → a full short date ("3/4/2023"). Calendar days are taken in the given zone.
 */
export function formatListDate(ms: number, now: number, opts: DateFormatOptions = {}): string {
  const a = dayKey(ms, opts);
  const b = dayKey(now, opts);
  const tz = opts.timeZone;
  if (a.y === b.y && a.m === b.m && a.d === b.d) {
    return new Intl.DateTimeFormat(opts.locale, { timeZone: tz, hour: 'numeric', minute: '2-digit' }).format(ms);
  }
  if (a.y === b.y) {
    return new Intl.DateTimeFormat(opts.locale, { timeZone: tz, month: 'short', day: 'numeric' }).format(ms);
  }
  return new Intl.DateTimeFormat(opts.locale, { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric' }).format(ms);
}

/** The full date in a message header: "Tue, Mar 4, 2025, 14:05". */
export function formatFullDate(ms: number, opts: DateFormatOptions = {}): string {
  return new Intl.DateTimeFormat(opts.locale, {
    timeZone: opts.timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
  }).format(ms);
}
