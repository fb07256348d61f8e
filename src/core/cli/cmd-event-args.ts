import { ianaWallToEpoch } from '../calendar/zones';
import { systemZone } from '../services/calendar/calendar-service';
import { stringOption, type OptionValues } from './command';
import { UsageError } from './io';

/**
 * A time from the command line: an ISO date-time (with Z or an offset: that instant; without:
 * the local wall clock), or a date YYYY-MM-DD (local midnight; UTC midnight for all-day events).
 */
export function parseCliTime(raw: string, option: string, allDay = false): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw.trim());
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
    if (allDay) return Date.UTC(y, mo - 1, d);
    return ianaWallToEpoch({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, systemZone());
  }
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new UsageError(`--${option} "${raw}" is not a date or time.`, 'Use YYYY-MM-DD or an ISO time such as 2027-01-05T10:00 or 2027-01-05T09:00Z.');
  return allDay ? Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), new Date(t).getUTCDate()) : t;
}

export function optionalTime(values: OptionValues, name: string, allDay = false): number | undefined {
  const raw = stringOption(values, name);
  return raw === undefined ? undefined : parseCliTime(raw, name, allDay);
}

export function positiveId(raw: string | undefined, what: string): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`Give the ${what}'s number, not "${raw ?? ''}".`);
  return Number(raw);
}

export function scopeOption(values: OptionValues): 'this' | 'following' | 'all' {
  const s = stringOption(values, 'scope') ?? 'all';
  if (s !== 'this' && s !== 'following' && s !== 'all') throw new UsageError(`--scope must be this, following or all, not "${s}".`);
  return s;
}
