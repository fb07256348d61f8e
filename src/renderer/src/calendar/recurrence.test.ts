import { describe, expect, it } from 'vitest';
import { buildRrule, NO_RECURRENCE, parseRrule, rruleProblem, type Recurrence } from './recurrence';

const wed = { year: 2026, month: 11, day: 25, hour: 9, minute: 0 }; // a Wednesday
const rec = (r: Partial<Recurrence>): Recurrence => ({ ...NO_RECURRENCE, ...r });

describe('RRULE presets', () => {
  it('builds each preset from the start date', () => {
    expect(buildRrule(rec({ preset: 'none' }), wed, false, 'UTC')).toBeNull();
    expect(buildRrule(rec({ preset: 'daily' }), wed, false, 'UTC')).toBe('FREQ=DAILY');
    expect(buildRrule(rec({ preset: 'weekdays' }), wed, false, 'UTC')).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(buildRrule(rec({ preset: 'weekly' }), wed, false, 'UTC')).toBe('FREQ=WEEKLY;BYDAY=WE');
    expect(buildRrule(rec({ preset: 'monthly' }), wed, false, 'UTC')).toBe('FREQ=MONTHLY;BYMONTHDAY=25');
    expect(buildRrule(rec({ preset: 'yearly' }), wed, false, 'UTC')).toBe('FREQ=YEARLY');
  });
  it('adds COUNT, or UNTIL as a UTC end of day (timed) or a date (all-day)', () => {
    expect(buildRrule(rec({ preset: 'daily', ends: { kind: 'count', count: 5 } }), wed, false, 'UTC')).toBe('FREQ=DAILY;COUNT=5');
    expect(buildRrule(rec({ preset: 'daily', ends: { kind: 'until', date: '2026-12-31' } }), wed, false, 'Europe/Berlin')).toBe('FREQ=DAILY;UNTIL=20261231T225900Z');
    expect(buildRrule(rec({ preset: 'daily', ends: { kind: 'until', date: '2026-12-31' } }), wed, true, 'Europe/Berlin')).toBe('FREQ=DAILY;UNTIL=20261231');
  });
  it('keeps a custom rule as typed, without the RRULE: prefix', () => {
    expect(buildRrule(rec({ preset: 'custom', custom: ' RRULE:FREQ=MONTHLY;BYDAY=-1FR ' }), wed, false, 'UTC')).toBe('FREQ=MONTHLY;BYDAY=-1FR');
  });
  it('reads stored rules back into presets, in any part order', () => {
    expect(parseRrule(null, wed, 'UTC')).toEqual(NO_RECURRENCE);
    expect(parseRrule('BYDAY=WE;FREQ=WEEKLY', wed, 'UTC')).toEqual(rec({ preset: 'weekly' }));
    expect(parseRrule('FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;COUNT=10', wed, 'UTC')).toEqual(rec({ preset: 'weekdays', ends: { kind: 'count', count: 10 } }));
    expect(parseRrule('FREQ=DAILY;UNTIL=20261231T225900Z', wed, 'Europe/Berlin')).toEqual(rec({ preset: 'daily', ends: { kind: 'until', date: '2026-12-31' } }));
    expect(parseRrule('FREQ=YEARLY;UNTIL=20301125', wed, 'UTC')).toEqual(rec({ preset: 'yearly', ends: { kind: 'until', date: '2030-11-25' } }));
  });
  it('leaves what no preset says as custom', () => {
    expect(parseRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', wed, 'UTC')).toEqual(rec({ preset: 'custom', custom: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' }));
    // Weekly on another day than the start's is not "every week on Wednesday".
    expect(parseRrule('FREQ=WEEKLY;BYDAY=FR', wed, 'UTC').preset).toBe('custom');
  });
  it('explains what is wrong with a hand-written rule', () => {
    expect(rruleProblem('FREQ=MONTHLY;BYDAY=-1FR')).toBeNull();
    expect(rruleProblem('RRULE:FREQ=DAILY;COUNT=3')).toBeNull();
    expect(rruleProblem('')).toMatch(/Enter a rule/);
    expect(rruleProblem('BYDAY=MO')).toMatch(/needs FREQ/);
    expect(rruleProblem('FREQ=FORTNIGHTLY')).toMatch(/not a frequency/);
    expect(rruleProblem('FREQ=DAILY;COUNT=2;UNTIL=20261231')).toMatch(/not both/);
    expect(rruleProblem('FREQ=DAILY;COUNT=0')).toMatch(/COUNT/);
    expect(rruleProblem('FREQ=WEEKLY;BYDAY=MONDAY')).toMatch(/BYDAY/);
    expect(rruleProblem('FREQ=DAILY;COLOR=red')).toMatch(/COLOR is not/);
    expect(rruleProblem('FREQ=DAILY;FREQ=WEEKLY')).toMatch(/twice/);
  });
});
