import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { seededRandom } from '../store/test-support/fixtures';
import { simpleRuleOf, walkSimpleRule } from './simple-rules';

/** ical.js's own iterator: the reference the fast path must match exactly. */
function byIcal(dtstart: string, rrule: string, n: number): string[] {
  const it = ICAL.Recur.fromString(rrule).iterator(ICAL.Time.fromDateTimeString(dtstart));
  const out: string[] = [];
  for (let next = it.next(); next && out.length < n; next = it.next()) out.push(next.toString());
  return out;
}

function bySimple(dtstart: string, rrule: string, n: number): string[] {
  const rule = simpleRuleOf(ICAL.Recur.fromString(rrule));
  if (!rule) throw new Error(`not simple: ${rrule}`);
  const t = ICAL.Time.fromDateTimeString(dtstart);
  const out: string[] = [];
  const pad = (x: number) => String(x).padStart(2, '0');
  walkSimpleRule({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, rule, 0, 100_000, (w) => {
    out.push(`${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`);
    return out.length < n;
  });
  return out;
}

it('matches ical.js for random DAILY/WEEKLY rules with INTERVAL, BYDAY, WKST and COUNT', () => {
  const random = seededRandom(42);
  const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  for (let i = 0; i < 300; i++) {
    const freq = random() < 0.5 ? 'DAILY' : 'WEEKLY';
    const parts = [`FREQ=${freq}`, `INTERVAL=${1 + Math.floor(random() * 4)}`];
    if (random() < 0.7) parts.push(`BYDAY=${days.filter(() => random() < 0.4).join(',') || 'MO'}`);
    if (random() < 0.4) parts.push(`WKST=${days[Math.floor(random() * 7)]}`);
    if (random() < 0.3) parts.push(`COUNT=${1 + Math.floor(random() * 30)}`);
    const dtstart = `20${10 + Math.floor(random() * 20)}-0${1 + Math.floor(random() * 9)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T0${Math.floor(random() * 10)}:30:00`;
    const rrule = parts.join(';');
    expect(bySimple(dtstart, rrule, 60), `${dtstart} ${rrule}`).toEqual(byIcal(dtstart, rrule, 60));
  }
});

it('matches ical.js for random MONTHLY rules (positional BYDAY, BYMONTHDAY) and plain YEARLY ones', () => {
  const random = seededRandom(7);
  const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  for (let i = 0; i < 300; i++) {
    const yearly = random() < 0.2;
    const parts = [`FREQ=${yearly ? 'YEARLY' : 'MONTHLY'}`, `INTERVAL=${1 + Math.floor(random() * 3)}`];
    if (!yearly) {
      const r = random();
      if (r < 0.4) parts.push(`BYDAY=${[pick(['1', '2', '3', '4', '-1', '-2', '']) + pick(days), ...(random() < 0.4 ? [pick(['1', '3', '-1']) + pick(days)] : [])].join(',')}`);
      else if (r < 0.7) parts.push(`BYMONTHDAY=${[pick([1, 15, 28, 29, 30, 31, -1, -3]), ...(random() < 0.3 ? [pick([5, 10, -2])] : [])].join(',')}`);
    }
    if (random() < 0.3) parts.push(`COUNT=${1 + Math.floor(random() * 20)}`);
    const dtstart = `20${10 + Math.floor(random() * 20)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 31 % 29)).padStart(2, '0')}T1${Math.floor(random() * 10)}:00:00`;
    const rrule = parts.join(';');
    expect(bySimple(dtstart, rrule, 40), `${dtstart} ${rrule}`).toEqual(byIcal(dtstart, rrule, 40));
  }
});

it('leaves rules it cannot do to ical.js', () => {
  for (const r of ['FREQ=YEARLY;BYMONTH=3', 'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR', 'FREQ=DAILY;BYMONTH=3', 'FREQ=WEEKLY;BYSETPOS=1;BYDAY=MO,TU', 'FREQ=HOURLY', 'FREQ=WEEKLY;BYDAY=1MO', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13']) {
    expect(simpleRuleOf(ICAL.Recur.fromString(r)), r).toBeNull();
  }
});
