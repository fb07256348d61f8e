import { startRadicale, type DavTestServer } from '../src/sync/dav/test-support/dav-servers';

export type { DavTestServer };

export interface CalendarObject {
  href: string;
  ics: string;
}

/** A throw-away Radicale (temp dir, free port, alice/alicepw) with one calendar "Work". */
export async function radicaleWithWorkCalendar(): Promise<{ server: DavTestServer; calendarUrl: string }> {
  const server = await startRadicale();
  try {
    const calendarUrl = await server.makeCalendar('work', 'Work', '#d9480fff');
    return { server, calendarUrl };
  } catch (err) {
    await server.dispose();
    throw err;
  }
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#13;/g, '\r').replace(/&amp;/g, '&');
}

/** Every event resource in the collection as the server has it now (CalDAV calendar-query REPORT). */
export async function calendarObjects(server: DavTestServer, calendarUrl: string): Promise<CalendarObject[]> {
  const body = '<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter></C:calendar-query>';
  const r = await server.request('REPORT', calendarUrl, body, { depth: '1', 'content-type': 'application/xml; charset=utf-8' });
  if (r.status !== 207) throw new Error(`REPORT ${calendarUrl} -> ${r.status}: ${r.text.slice(0, 300)}`);
  const out: CalendarObject[] = [];
  for (const m of r.text.matchAll(/<(?:\w+:)?response\b[\s\S]*?<\/(?:\w+:)?response>/g)) {
    const href = /<(?:\w+:)?href>([^<]+)<\/(?:\w+:)?href>/.exec(m[0])?.[1];
    const data = /<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/.exec(m[0])?.[1];
    if (href && data) out.push({ href, ics: unescapeXml(data) });
  }
  return out;
}

/** One property of the (first) VEVENT, unfolded: e.g. prop(ics, 'SUMMARY'), with its parameters. */
export function veventProp(ics: string, name: string): { params: string; value: string } | null {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  const vevent = /BEGIN:VEVENT[\s\S]*?END:VEVENT/.exec(unfolded)?.[0] ?? '';
  const m = new RegExp(`^${name}((?:;[^:\\r\\n]*)?):(.*)$`, 'm').exec(vevent);
  return m ? { params: m[1] ?? '', value: (m[2] ?? '').replace(/\r$/, '') } : null;
}

/** PUTs a simple event as "another client" would. */
export async function putEvent(server: DavTestServer, calendarUrl: string, uid: string, ics: string): Promise<void> {
  const r = await server.request('PUT', new URL(`${uid}.ics`, calendarUrl).href, ics, { 'content-type': 'text/calendar; charset=utf-8', 'if-none-match': '*' });
  if (r.status !== 201 && r.status !== 204) throw new Error(`PUT ${uid}.ics -> ${r.status}: ${r.text.slice(0, 300)}`);
}
