import type { EventDetail } from '../../shared/api/calendar';
import type { Occurrence } from './expand';
import type { AlarmSpec } from './model';

const MAX_MINUTES = 40320;

/** When each alarm of an occurrence fires (epoch ms), earliest first. */
export function alarmTimes(occurrence: Occurrence): number[] {
  const out: number[] = [];
  for (const a of occurrence.event.alarms) {
    if (a.kind === 'relative') out.push((a.related === 'END' ? occurrence.end : occurrence.start) + a.offsetMs);
    // An absolute trigger names one instant: it belongs to a single event, not to every occurrence.
    else if (!occurrence.recurring) out.push(a.at);
  }
  return out.sort((x, y) => x - y);
}

/** Alarms as the API shows them ("minutes before start"); triggers it cannot express are left out. */
export function alarmsForApi(alarms: AlarmSpec[]): EventDetail['alarms'] {
  return alarms
    .filter((a): a is Extract<AlarmSpec, { kind: 'relative' }> => a.kind === 'relative' && a.related === 'START' && a.offsetMs <= 0)
    .map((a) => ({ minutesBefore: Math.min(MAX_MINUTES, Math.round(-a.offsetMs / 60_000)) }));
}

/** The longest lead time of a series' alarms, so the scheduler knows how far ahead to look. */
export function maxLeadMs(alarms: AlarmSpec[]): number {
  return alarms.reduce((m, a) => (a.kind === 'relative' ? Math.max(m, -a.offsetMs) : m), 0);
}
