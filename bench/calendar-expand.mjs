#!/usr/bin/env node
// Calendar expansion benchmark (issue 5 goal: a year of recurring events expanded for the month
// view in under 50 ms).
//   node bench/calendar-expand.mjs [--series 200] [--runs 20]
// Builds a real encrypted profile with one calendar holding N recurring series (daily, weekly
// with BYDAY in Europe/Berlin with its VTIMEZONE, monthly, yearly all-day; EXDATEs and moved
// occurrences; some open-ended, some started years ago) written through the DAV writer (no
// server: the index is built by the real calendar indexer), then times CalendarService.listEvents
// — index query, series plans (cold) or the series cache (warm), expansion, overlap flags — for a
// month view, a week view and a whole year; then the cold views again without series plans (full
// ical.js parse of every resource, for comparison). Writes bench/results/calendar-expand.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { percentile } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { series: { type: 'string', default: '200' }, runs: { type: 'string', default: '20' } } });
const SERIES = Number(args.series);
const RUNS = Number(args.runs);

const ENTRY = `
import { openCalendarEnv } from './src/core/services/calendar/test-support/calendar-env';
import { addLocalCalendar } from './src/core/services/calendar/test-support/local-calendar';
import { BERLIN_VTIMEZONE } from './src/core/calendar/test-support/ics';
export { openCalendarEnv, addLocalCalendar, BERLIN_VTIMEZONE };
`;

function pad(n) { return String(n).padStart(2, '0'); }
function stamp(d) { return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`; }
function dateOnly(d) { return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`; }

/** One series as iCalendar; the kind rotates so the mix is fixed for any N. */
function seriesIcs(i, vtimezone) {
  const kind = i % 10;
  const start = new Date(Date.UTC(kind < 3 ? 2023 : 2027, (i * 7) % 12, 1 + (i % 27), 7 + (i % 10), (i % 4) * 15));
  const uid = `bench-${i}@pmsync`;
  const lines = ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20270101T000000Z', `SUMMARY:Series ${i}`, `LOCATION:Room ${i % 9}`];
  const exdates = [];
  const overrides = [];
  const plus = (days) => new Date(start.getTime() + days * 86_400_000);
  if (kind < 4) { // daily, open-ended (three started years ago) or COUNT
    lines.push(`DTSTART;TZID=Europe/Berlin:${stamp(start)}`, `DURATION:PT${30 + (i % 3) * 15}M`, kind === 3 ? 'RRULE:FREQ=DAILY;COUNT=300' : 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR');
    for (let k = 1; k <= 4; k++) exdates.push(plus(k * 9 + 2));
    overrides.push(plus(15));
  } else if (kind < 8) { // weekly with BYDAY, Berlin, until the end of next year or open
    lines.push(`DTSTART;TZID=Europe/Berlin:${stamp(start)}`, `DTEND;TZID=Europe/Berlin:${stamp(new Date(start.getTime() + 3_600_000))}`,
      kind === 7 ? 'RRULE:FREQ=WEEKLY;UNTIL=20281231T000000Z;BYDAY=MO,TH' : `RRULE:FREQ=WEEKLY;INTERVAL=${1 + (i % 2)};BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}`);
    exdates.push(plus(14 * (1 + (i % 2))));
    overrides.push(plus(28 * (1 + (i % 2))));
  } else if (kind === 8) { // monthly
    lines.push(`DTSTART:${stamp(start)}Z`, 'DURATION:PT1H', 'RRULE:FREQ=MONTHLY;BYDAY=1MO,3WE');
  } else { // yearly all-day
    lines.push(`DTSTART;VALUE=DATE:${dateOnly(start)}`, `DTEND;VALUE=DATE:${dateOnly(plus(1))}`, 'RRULE:FREQ=YEARLY');
  }
  for (const x of exdates) lines.push(`EXDATE;TZID=Europe/Berlin:${stamp(x)}`);
  lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT10M', 'DESCRIPTION:x', 'END:VALARM', 'END:VEVENT');
  for (const o of overrides) {
    const moved = new Date(o.getTime() + 2 * 3_600_000);
    lines.push('BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20270101T000000Z', `SUMMARY:Series ${i} (moved)`, `RECURRENCE-ID;TZID=Europe/Berlin:${stamp(o)}`,
      `DTSTART;TZID=Europe/Berlin:${stamp(moved)}`, `DTEND;TZID=Europe/Berlin:${stamp(new Date(moved.getTime() + 3_600_000))}`, 'END:VEVENT');
  }
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', ...vtimezone, ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function time(fn) {
  const t = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
}

async function main() {
  // Beside node_modules, so the bundle resolves the native modules it leaves external.
  mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
  const tmp = mkdtempSync(path.join(root, 'node_modules/.cache/pmsync-bench-cal-'));
  try {
    await build({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' }, absWorkingDir: root, outfile: path.join(tmp, 'cal.cjs'),
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
      external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'keytar', 'electron', 'smtp-server', 'nodemailer', 'imapflow', 'mailparser'],
      define: { __PMSYNC_VERSION__: '"bench"' },
    });
    const require = createRequire(path.join(root, 'package.json'));
    const mod = require(path.join(tmp, 'cal.cjs'));
    const env = await mod.openCalendarEnv({ userZone: 'Europe/Berlin' });
    try {
      const calendarId = mod.addLocalCalendar(env.db);
      const write = time(() => { for (let i = 0; i < SERIES; i++) env.dav.writer.create(calendarId, `bench-${i}@pmsync`, seriesIcs(i, mod.BERLIN_VTIMEZONE)); });
      const svc = env.cal.calendar;
      const month = [Date.UTC(2027, 10, 1), Date.UTC(2027, 11, 1)];
      const week = [Date.UTC(2027, 10, 15), Date.UTC(2027, 10, 22)];
      const year = [Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1)];
      const measure = (range) => {
        const warm = [];
        let count = 0;
        for (let r = 0; r < RUNS; r++) { const t = time(() => svc.listEvents(range[0], range[1])); warm.push(t.ms); count = t.out.length; }
        return { instances: count, warmMedianMs: percentile(warm, 50), warmP95Ms: percentile(warm, 95) };
      };
      const cold = (range) => {
        const ms = [];
        let count = 0;
        for (let r = 0; r < RUNS; r++) { svc.cache.invalidate(); const t = time(() => svc.listEvents(range[0], range[1])); ms.push(t.ms); count = t.out.length; }
        return { instances: count, medianMs: Number(percentile(ms, 50).toFixed(2)), p95Ms: Number(percentile(ms, 95).toFixed(2)) };
      };
      svc.cache.invalidate();
      const firstMonth = time(() => svc.listEvents(month[0], month[1]));
      const plans = env.db.prepare('SELECT count(*) FROM calendar_series_plans').pluck().get();
      const result = {
        date: new Date().toISOString(), node: process.version, series: SERIES, runs: RUNS, seriesWithPlan: plans,
        loadAvg1m: Number(os.loadavg()[0].toFixed(2)),
        indexWriteMs: Math.round(write.ms),
        monthCold: {
          instances: firstMonth.out.length, firstInProcessMs: Number(firstMonth.ms.toFixed(2)), ...cold(month),
          note: 'cache empty: series read from their series plans (migration 0170). firstInProcessMs is the very first view in the process (JIT + GC included); median/p95 over runs with the cache dropped before each',
        },
        month: measure(month), week: measure(week), year: measure(year),
      };
      result.yearCold = cold(year);
      // The same cold views without plans: every series parsed from raw iCalendar (the path before 0170).
      env.db.prepare('DELETE FROM calendar_series_plans').run();
      result.monthColdFullParse = cold(month);
      result.yearColdFullParse = cold(year);
      result.monthWarmFullParse = measure(month);
      result.yearWarmFullParse = measure(year);
      result.goal = { monthViewUnder50ms: result.month.warmMedianMs < 50, monthViewColdUnder50ms: result.monthCold.medianMs < 50, monthViewColdP95Under50ms: result.monthCold.p95Ms < 50 };
      for (const k of ['month', 'week', 'year', 'monthWarmFullParse', 'yearWarmFullParse']) for (const f of ['warmMedianMs', 'warmP95Ms']) result[k][f] = Number(result[k][f].toFixed(2));
      mkdirSync(path.join(root, 'bench/results'), { recursive: true });
      writeFileSync(path.join(root, 'bench/results/calendar-expand.json'), `${JSON.stringify(result, null, 2)}\n`);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await env.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
