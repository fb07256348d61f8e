import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { EditScope, EventFields } from '../../shared/api/calendar';
import { instantOf, walkRule } from './expand';
import { applyFields, CalendarEditError } from './fields';
import type { ParsedEvent, TimeValue } from './model';
import { parseCalendar, parseComponent, timeOf } from './parse';
import { setTimeProperty, timeProperty, type TimeShape } from './write-time';
import { timezonesOf } from './zones';

const DAY_MS = 86_400_000;

export interface EditContext {
  /** The user's zone: floating times and new times are read in it. */
  userZone: string;
  now: number;
}

/** What an edit leaves: the resource's new data (null: remove the resource) and, for "this and following", a new series. */
export interface EditResult {
  data: string | null;
  newSeries?: { uid: string; data: string };
}

interface Located {
  root: ICAL.Component;
  zones: Map<string, ICAL.Timezone>;
  master: ICAL.Component | null;
  overrides: { comp: ICAL.Component; rid: number }[];
  uid: string;
}

function locate(text: string, userZone: string): Located {
  const root = parseComponent(text);
  if (!root) throw new CalendarEditError('The stored event is not valid iCalendar and cannot be edited.', 'Fix or delete the event on the server, then sync again.');
  const zones = timezonesOf(root);
  const vevents = root.getAllSubcomponents('vevent');
  const uid = String(vevents[0]?.getFirstPropertyValue('uid') ?? '');
  let master: ICAL.Component | null = null;
  const overrides: Located['overrides'] = [];
  for (const c of vevents) {
    if (String(c.getFirstPropertyValue('uid') ?? '') !== uid) continue;
    const rid = timeOf(c.getFirstProperty('recurrence-id'), zones, () => undefined);
    if (rid) overrides.push({ comp: c, rid: instantOf(rid, userZone) });
    else master ??= c;
  }
  return { root, zones, master, overrides, uid };
}

function startValue(comp: ICAL.Component, zones: Map<string, ICAL.Timezone>): TimeValue {
  const t = timeOf(comp.getFirstProperty('dtstart'), zones, () => undefined);
  if (!t) throw new CalendarEditError('The event has no start time.', 'Delete it and create it again.');
  return t;
}

function shapeOf(t: TimeValue): TimeShape {
  return { allDay: t.allDay, zone: t.zone };
}

function durationOf(comp: ICAL.Component, zones: Map<string, ICAL.Timezone>, userZone: string): number {
  const start = startValue(comp, zones);
  const end = timeOf(comp.getFirstProperty('dtend'), zones, () => undefined);
  if (end) return Math.max(0, instantOf(end, userZone) - instantOf(start, userZone));
  const d = comp.getFirstPropertyValue('duration');
  if (d instanceof ICAL.Duration) return d.toSeconds() * 1000;
  return start.allDay ? DAY_MS : 0;
}

function isRecurringComp(c: ICAL.Component): boolean {
  return c.hasProperty('rrule') || c.hasProperty('rdate');
}

function cloneComp(c: ICAL.Component): ICAL.Component {
  return new ICAL.Component(JSON.parse(JSON.stringify(c.toJSON())) as unknown[]);
}

/** Applies `changes` given for one occurrence (its start/end) to the series master: times move by the same delta. */
function applyToMaster(loc: Located, master: ICAL.Component, occurrenceStart: number, changes: Partial<EventFields>, ctx: EditContext): void {
  const start = startValue(master, loc.zones);
  const masterStart = instantOf(start, ctx.userZone);
  const oldDuration = durationOf(master, loc.zones, ctx.userZone);
  const old = { summary: master.getFirstPropertyValue('summary'), location: master.getFirstPropertyValue('location'), description: master.getFirstPropertyValue('description') };
  const seriesChanges: Partial<EventFields> = { ...changes };
  let delta = 0;
  if (changes.start !== undefined) {
    delta = changes.start - occurrenceStart;
    const length = (changes.end ?? changes.start + oldDuration) - changes.start;
    seriesChanges.start = masterStart + delta;
    seriesChanges.end = masterStart + delta + length;
  }
  const ruleChanged = changes.rrule !== undefined && (changes.rrule ?? '') !== String(master.getFirstPropertyValue('rrule') ?? '');
  applyFields(master, seriesChanges, { vcalendar: loc.root, shape: shapeOf(start), userZone: ctx.userZone, now: ctx.now });
  const newShape = shapeOf(startValue(master, loc.zones));
  if (ruleChanged) {
    // Exceptions named instances of the old rule; under a new rule they would point nowhere.
    master.removeAllProperties('exdate');
    for (const o of loc.overrides) loc.root.removeSubcomponent(o.comp);
    loc.overrides = [];
    return;
  }
  if (delta !== 0 || changes.allDay !== undefined) {
    const exdates = master.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => (v instanceof ICAL.Time ? timeOf(propOf('exdate', v, p.getParameter('tzid')), loc.zones, () => undefined) : null)));
    master.removeAllProperties('exdate');
    for (const x of exdates) if (x) master.addProperty(timeProperty('exdate', instantOf(x, ctx.userZone) + delta, newShape, ctx.userZone));
  }
  for (const o of loc.overrides) {
    if (delta !== 0 || changes.allDay !== undefined) {
      const ovStart = instantOf(startValue(o.comp, loc.zones), ctx.userZone);
      setTimeProperty(o.comp, 'recurrence-id', o.rid + delta, newShape, ctx.userZone);
      if (ovStart === o.rid) {
        // Not moved by itself: it follows the series.
        const len = durationOf(o.comp, loc.zones, ctx.userZone);
        setTimeProperty(o.comp, 'dtstart', o.rid + delta, newShape, ctx.userZone);
        o.comp.removeAllProperties('duration');
        setTimeProperty(o.comp, 'dtend', o.rid + delta + len, newShape, ctx.userZone);
      }
      o.rid += delta;
    }
    // Text the override did not change itself follows the series too.
    for (const [key, field] of [['summary', 'title'], ['location', 'location'], ['description', 'description']] as const) {
      const value = changes[field];
      if (value !== undefined && o.comp.getFirstPropertyValue(key) === old[key]) {
        o.comp.removeAllProperties(key);
        if (value !== '') o.comp.addPropertyWithValue(key, value);
      }
    }
  }
}

function propOf(name: string, value: ICAL.Time, tzid: unknown): ICAL.Property {
  const p = new ICAL.Property(name);
  if (value.isDate) p.resetType('date');
  p.setValue(value);
  if (typeof tzid === 'string') p.setParameter('tzid', tzid);
  return p;
}

/** The override component for an occurrence, created from the master when there is none yet. */
function overrideFor(loc: Located, master: ICAL.Component, instanceStart: number, ctx: EditContext): ICAL.Component {
  const existing = loc.overrides.find((o) => o.rid === instanceStart);
  if (existing) return existing.comp;
  const shape = shapeOf(startValue(master, loc.zones));
  const length = durationOf(master, loc.zones, ctx.userZone);
  const ov = cloneComp(master);
  for (const name of ['rrule', 'rdate', 'exdate', 'recurrence-id', 'dtstart', 'dtend', 'duration']) ov.removeAllProperties(name);
  ov.addProperty(timeProperty('recurrence-id', instanceStart, shape, ctx.userZone));
  ov.addProperty(timeProperty('dtstart', instanceStart, shape, ctx.userZone));
  ov.addProperty(timeProperty('dtend', instanceStart + length, shape, ctx.userZone));
  loc.root.addSubcomponent(ov);
  loc.overrides.push({ comp: ov, rid: instanceStart });
  return ov;
}

/** Ends the master's rule before `instanceStart` (UNTIL, COUNT dropped) and drops everything from it on. */
function truncateBefore(loc: Located, master: ICAL.Component, instanceStart: number, ctx: EditContext): void {
  const start = startValue(master, loc.zones);
  const rule = master.getFirstPropertyValue('rrule');
  if (rule instanceof ICAL.Recur) {
    const until = rule.clone();
    until.count = null;
    until.until = start.allDay
      ? ICAL.Time.fromData({ ...dateOf(instanceStart - DAY_MS), isDate: true })
      : ICAL.Time.fromJSDate(new Date(instanceStart - 1000), true);
    master.updatePropertyWithValue('rrule', until);
  }
  for (const name of ['rdate', 'exdate']) {
    const props = master.getAllProperties(name);
    for (const p of props) {
      const tzid = p.getParameter('tzid');
      const keep = p.getValues().filter((v) => {
        const t = v instanceof ICAL.Time ? timeOf(propOf(name, v, tzid), loc.zones, () => undefined) : null;
        return t !== null && instantOf(t, ctx.userZone) < instanceStart;
      });
      master.removeProperty(p);
      if (keep.length > 0) {
        const np = new ICAL.Property(name);
        if ((keep[0] as ICAL.Time).isDate) np.resetType('date');
        np.setValues(keep);
        if (typeof tzid === 'string') np.setParameter('tzid', tzid);
        master.addProperty(np);
      }
    }
  }
  for (const o of loc.overrides.filter((x) => x.rid >= instanceStart)) loc.root.removeSubcomponent(o.comp);
  loc.overrides = loc.overrides.filter((x) => x.rid < instanceStart);
}

function dateOf(epochMs: number): { year: number; month: number; day: number } {
  const d = new Date(epochMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Rule instances (EXDATEd ones included, as COUNT counts them) before `t`. */
function ruleInstancesBefore(master: ParsedEvent, t: number, userZone: string): number {
  let n = 0;
  walkRule(master, -Infinity, t, userZone, () => { n++; return true; });
  return n;
}

function sameAsFirst(loc: Located, master: ICAL.Component, instanceStart: number, userZone: string): boolean {
  return instanceStart <= instantOf(startValue(master, loc.zones), userZone);
}

/** Updates an event: one occurrence, this and following (a new series), or the whole series. */
export function updateEventData(text: string, scope: EditScope, instanceStart: number | undefined, changes: Partial<EventFields>, ctx: EditContext): EditResult {
  const loc = locate(text, ctx.userZone);
  const master = loc.master;
  const recurring = master !== null && isRecurringComp(master);
  if (!recurring || instanceStart === undefined || scope === 'all') {
    if (!master) {
      // An orphan override (invited to one occurrence only): it is the whole event here.
      const target = instanceStart === undefined ? loc.overrides[0] : loc.overrides.find((o) => o.rid === instanceStart) ?? loc.overrides[0];
      if (!target) throw new CalendarEditError('The stored data holds no event.', 'Delete it and create it again.');
      applyFields(target.comp, { ...changes, rrule: undefined }, { vcalendar: loc.root, shape: shapeOf(startValue(target.comp, loc.zones)), userZone: ctx.userZone, now: ctx.now });
      return { data: loc.root.toString() };
    }
    // For the whole series, start/end are the series' own (its first occurrence), whichever occurrence was picked.
    applyToMaster(loc, master, instantOf(startValue(master, loc.zones), ctx.userZone), changes, ctx);
    return { data: loc.root.toString() };
  }
  if (scope === 'this') {
    const ov = overrideFor(loc, master, instanceStart, ctx);
    applyFields(ov, { ...changes, rrule: undefined }, { vcalendar: loc.root, shape: shapeOf(startValue(master, loc.zones)), userZone: ctx.userZone, now: ctx.now });
    return { data: loc.root.toString() };
  }
  // this and following
  if (sameAsFirst(loc, master, instanceStart, ctx.userZone)) return updateEventData(text, 'all', instanceStart, changes, ctx);
  const split = splitSeries(loc, master, instanceStart, ctx);
  // The new series starts at the occurrence, so the occurrence's new times are the series' times.
  const tail = updateEventData(split.newSeries.data, 'all', undefined, changes, ctx);
  return { data: split.data, newSeries: { uid: split.newSeries.uid, data: tail.data ?? split.newSeries.data } };
}

/** Cuts a series at `instanceStart`: the old one ends before it, a new series (new UID) goes on from it. */
function splitSeries(loc: Located, master: ICAL.Component, instanceStart: number, ctx: EditContext): { data: string; newSeries: { uid: string; data: string } } {
  const shape = shapeOf(startValue(master, loc.zones));
  const length = durationOf(master, loc.zones, ctx.userZone);
  const uid = `pmsync-${randomUUID()}`;
  const parsedMaster = parseCalendar(loc.root.toString()).series.find((x) => x.uid === loc.uid)?.master;
  const tailRoot = new ICAL.Component(JSON.parse(JSON.stringify(loc.root.toJSON())) as unknown[]);
  for (const v of tailRoot.getAllSubcomponents('vevent')) tailRoot.removeSubcomponent(v);
  const tailMaster = cloneComp(master);
  tailMaster.updatePropertyWithValue('uid', uid);
  tailMaster.updatePropertyWithValue('sequence', 0);
  setTimeProperty(tailMaster, 'dtstart', instanceStart, shape, ctx.userZone);
  tailMaster.removeAllProperties('duration');
  setTimeProperty(tailMaster, 'dtend', instanceStart + length, shape, ctx.userZone);
  const rule = tailMaster.getFirstPropertyValue('rrule');
  if (rule instanceof ICAL.Recur && rule.count && parsedMaster) {
    const left = rule.count - ruleInstancesBefore(parsedMaster, instanceStart, ctx.userZone);
    const r = rule.clone();
    r.count = Math.max(1, left);
    tailMaster.updatePropertyWithValue('rrule', r);
  }
  tailRoot.addSubcomponent(tailMaster);
  // Earlier exceptions stay with the old series; later ones move to the new one.
  tailMaster.removeAllProperties('rdate');
  tailMaster.removeAllProperties('exdate');
  for (const name of ['rdate', 'exdate']) {
    for (const p of master.getAllProperties(name)) {
      const tzid = p.getParameter('tzid');
      for (const v of p.getValues()) {
        const t = v instanceof ICAL.Time ? timeOf(propOf(name, v, tzid), loc.zones, () => undefined) : null;
        if (t && instantOf(t, ctx.userZone) >= instanceStart) tailMaster.addProperty(propOf(name, v, tzid));
      }
    }
  }
  for (const o of loc.overrides.filter((x) => x.rid >= instanceStart)) {
    const moved = cloneComp(o.comp);
    moved.updatePropertyWithValue('uid', uid);
    tailRoot.addSubcomponent(moved);
  }
  truncateBefore(loc, master, instanceStart, ctx);
  master.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  return { data: loc.root.toString(), newSeries: { uid, data: tailRoot.toString() } };
}

/** Deletes one occurrence (EXDATE), this and following (UNTIL) or the series (null: remove the resource). */
export function deleteEventData(text: string, scope: EditScope, instanceStart: number | undefined, ctx: EditContext): EditResult {
  const loc = locate(text, ctx.userZone);
  const master = loc.master;
  if (scope === 'all' || instanceStart === undefined) return { data: null };
  if (!master) {
    const rest = loc.overrides.filter((o) => o.rid !== instanceStart);
    if (rest.length === 0) return { data: null };
    for (const o of loc.overrides.filter((x) => x.rid === instanceStart)) loc.root.removeSubcomponent(o.comp);
    return { data: loc.root.toString() };
  }
  if (!isRecurringComp(master)) return { data: null };
  if (scope === 'following') {
    if (sameAsFirst(loc, master, instanceStart, ctx.userZone)) return { data: null };
    truncateBefore(loc, master, instanceStart, ctx);
  } else {
    const shape = shapeOf(startValue(master, loc.zones));
    master.addProperty(timeProperty('exdate', instanceStart, shape, ctx.userZone));
    for (const o of loc.overrides.filter((x) => x.rid === instanceStart)) loc.root.removeSubcomponent(o.comp);
  }
  const seq = Number(master.getFirstPropertyValue('sequence') ?? 0);
  master.updatePropertyWithValue('sequence', (Number.isInteger(seq) ? seq : 0) + 1);
  master.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(ctx.now), true));
  return { data: loc.root.toString() };
}

