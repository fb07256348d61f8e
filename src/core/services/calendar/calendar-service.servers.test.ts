import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRadicale, startXandikos, type DavTestServer } from '../../../sync/dav/test-support/dav-servers';
import { expandSeries } from '../../calendar/expand';
import { parseCalendar } from '../../calendar/parse';
import { WEEKLY_BERLIN } from '../../calendar/test-support/ics';
import { openCalendarEnv, type CalendarEnv } from './test-support/calendar-env';

const servers = [['Radicale', startRadicale], ['Xandikos', startXandikos]] as const;
const YEAR: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)];
const APR_1 = Date.UTC(2024, 3, 1, 8);
const APR_15 = Date.UTC(2024, 3, 15, 8);

describe.each(servers)('calendar edits read back from %s', (_name, start) => {
  let server: DavTestServer;
  let env: CalendarEnv;
  let accountId: number;
  let calUrl: string;
  let calendarId: number;

  /** Every calendar object on the server, as another client sees it: href → data. */
  const serverObjects = async (): Promise<Map<string, string>> => {
    const r = await server.request('PROPFIND', calUrl, undefined, { depth: '1' });
    const hrefs = [...r.text.matchAll(/<(?:\w+:)?href>([^<]+\.ics)<\/(?:\w+:)?href>/g)].map((m) => m[1]);
    const out = new Map<string, string>();
    for (const h of hrefs) out.set(h, (await server.request('GET', new URL(h, server.url).toString())).text);
    return out;
  };
  const instancesOn = async (): Promise<string[]> => {
    const all: string[] = [];
    for (const data of (await serverObjects()).values()) {
      for (const s of parseCalendar(data).series) {
        for (const o of expandSeries(s, ...YEAR, { floatingZone: 'UTC' }).occurrences) all.push(`${new Date(o.start).toISOString().slice(5, 16)} ${o.event.summary}`);
      }
    }
    return all.sort();
  };
  const push = async () => expect(await env.queue.drain({ timeoutMs: 20_000 })).toMatchObject({ failed: 0, pending: 0 });
  const eventId = () => {
    const [e] = env.cal.calendar.listEvents(...YEAR).filter((i) => i.uid === 'weekly-1@test');
    if (!e) throw new Error('series not indexed');
    return e.eventId;
  };

  beforeAll(async () => {
    server = await start();
    calUrl = await server.makeCalendar('work', 'Work');
    expect([201, 204]).toContain((await server.request('PUT', `${calUrl}weekly.ics`, WEEKLY_BERLIN, { 'content-type': 'text/calendar' })).status);
    env = await openCalendarEnv();
    accountId = (await env.dav.accounts.addDav({ url: server.url, user: server.user, password: server.password })).id;
    await env.dav.supervisor.syncOnce(accountId);
    calendarId = env.dav.accounts.listCalendars()[0].id;
  });
  afterAll(async () => {
    await env?.close();
    await server?.dispose();
  });

  it('lists the synced series expanded across the DST change', () => {
    const list = env.cal.calendar.listEvents(...YEAR);
    expect(list.map((i) => [new Date(i.start).toISOString().slice(5, 16), i.title, i.calendarId, i.syncState])).toEqual([
      ['03-11T09:00', 'Standup', calendarId, 'synced'], ['03-25T09:00', 'Standup', calendarId, 'synced'], ['04-01T08:00', 'Standup', calendarId, 'synced'],
      ['04-09T12:00', 'Standup (moved)', calendarId, 'synced'], ['04-15T08:00', 'Standup', calendarId, 'synced'],
    ]);
  });

  it('"this event" changes one occurrence on the server', async () => {
    env.cal.calendar.updateEvent(eventId(), 'this', APR_1, { title: 'Retro', start: APR_1 + 3_600_000 });
    await push();
    expect(await instancesOn()).toEqual(['03-11T09:00 Standup', '03-25T09:00 Standup', '04-01T09:00 Retro', '04-09T12:00 Standup (moved)', '04-15T08:00 Standup']);
  });

  it('"all events" renames the series; exceptions keep their own title', async () => {
    env.cal.calendar.updateEvent(eventId(), 'all', APR_15, { title: 'Daily sync' });
    await push();
    expect(await instancesOn()).toEqual(['03-11T09:00 Daily sync', '03-25T09:00 Daily sync', '04-01T09:00 Retro', '04-09T12:00 Standup (moved)', '04-15T08:00 Daily sync']);
  });

  it('"this and following" splits the series into two objects on the server', async () => {
    const created = env.cal.calendar.updateEvent(eventId(), 'following', APR_1, { location: 'Room 2' });
    expect(created.uid).not.toBe('weekly-1@test');
    await push();
    const objects = await serverObjects();
    expect(objects.size).toBe(2);
    expect(await instancesOn()).toEqual(['03-11T09:00 Daily sync', '03-25T09:00 Daily sync', '04-01T09:00 Retro', '04-09T12:00 Standup (moved)', '04-15T08:00 Daily sync']);
    const tail = [...objects.values()].find((d) => d.includes(created.uid)) ?? '';
    expect(tail).toContain('LOCATION:Room 2');
    expect(env.cal.calendar.listEvents(APR_1, APR_1 + 86_400_000).map((i) => i.eventId)).toEqual([created.id]);
  });

  it('deletes one occurrence, and a new event reaches the server', async () => {
    env.cal.calendar.deleteEvent(eventId(), 'this', Date.UTC(2024, 2, 25, 9));
    const made = env.cal.calendar.createEvent(calendarId, { title: 'Dentist', start: Date.UTC(2024, 5, 3, 7), end: Date.UTC(2024, 5, 3, 8), allDay: false, timeZone: 'Europe/Berlin' });
    expect(made.syncState).toBe('pending');
    await push();
    expect(await instancesOn()).toEqual(['03-11T09:00 Daily sync', '04-01T09:00 Retro', '04-09T12:00 Standup (moved)', '04-15T08:00 Daily sync', '06-03T07:00 Dentist']);
    expect(env.cal.calendar.getEvent(made.id).syncState).toBe('synced');
  });
});
