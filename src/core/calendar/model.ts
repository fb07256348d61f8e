import type ICAL from 'ical.js';
import type { Attendee, PartStat } from '../../shared/api/calendar';
import type { WallClock, ZoneRef } from './zones';

/** A DATE or DATE-TIME value as written: wall clock plus its zone (all-day values have none). */
export interface TimeValue {
  wall: WallClock;
  allDay: boolean;
  zone: ZoneRef;
}

export type AlarmSpec =
  /** TRIGGER as a duration; negative = before. */
  | { kind: 'relative'; offsetMs: number; related: 'START' | 'END' }
  | { kind: 'absolute'; at: number };

export interface Person {
  name: string;
  email: string;
}

/** One VEVENT (a master or a RECURRENCE-ID override), read into plain values. */
export interface ParsedEvent {
  uid: string;
  recurrenceId: TimeValue | null;
  start: TimeValue;
  /** Exact length; for all-day events whole days (86 400 000 each). */
  durationMs: number;
  summary: string;
  location: string;
  description: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** TRANSP:TRANSPARENT: does not make the user busy, so never a conflict. */
  transparent: boolean;
  sequence: number;
  organizer: Person | null;
  attendees: Attendee[];
  alarms: AlarmSpec[];
  rrule: ICAL.Recur | null;
  rdates: TimeValue[];
  exdates: TimeValue[];
}

/** Every VEVENT sharing one UID: the series master (absent for an orphan override) and its overrides. */
export interface ParsedSeries {
  uid: string;
  master: ParsedEvent | null;
  overrides: ParsedEvent[];
}

export interface ParsedCalendar {
  /** METHOD of an iMIP message (REQUEST, REPLY, CANCEL…), null for stored calendar objects. */
  method: string | null;
  series: ParsedSeries[];
  /** What could not be honoured (unknown TZID, unreadable VEVENT…), in words for the user. */
  warnings: string[];
}

export function normalizePartstat(value: unknown): PartStat {
  const v = typeof value === 'string' ? value.toUpperCase() : '';
  return v === 'ACCEPTED' || v === 'TENTATIVE' || v === 'DECLINED' || v === 'DELEGATED' ? v : 'NEEDS-ACTION';
}

/** "mailto:Ann@X.org" → "ann@x.org"; anything that is not an address → "". */
export function emailOfCalAddress(value: unknown): string {
  if (typeof value !== 'string') return '';
  const v = value.trim().replace(/^mailto:/i, '');
  return /^[^\s@<>]+@[^\s@<>]+$/.test(v) ? v.toLowerCase() : '';
}
