// The calendar and contacts half of `npm run demo`: a throw-away Radicale on loopback (when the
// Debian package is installed) seeded with two calendars and an address book around today, so
// the demo profile has something real to sync, edit and invite from.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const DEMO_DAV_USER = 'demo';
export const DEMO_DAV_PASSWORD = 'demo-dav-password';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function radicaleInstalled() {
  return spawnSync('sh', ['-c', 'command -v radicale'], { stdio: 'ignore' }).status === 0;
}

/** Starts Radicale with plain htpasswd auth in `dir` (on `port`, or a free one); resolves with its URL and a stop(). */
export async function startDemoRadicale(dir, fixedPort) {
  fs.mkdirSync(path.join(dir, 'collections'), { recursive: true });
  const port = fixedPort ?? (await freePort());
  fs.writeFileSync(path.join(dir, 'users'), `${DEMO_DAV_USER}:${DEMO_DAV_PASSWORD}\n`);
  fs.writeFileSync(path.join(dir, 'config'), [
    '[server]', `hosts = 127.0.0.1:${port}`,
    '[auth]', 'type = htpasswd', `htpasswd_filename = ${path.join(dir, 'users')}`, 'htpasswd_encryption = plain', 'delay = 0',
    '[rights]', 'type = owner_only',
    '[storage]', 'type = multifilesystem', `filesystem_folder = ${path.join(dir, 'collections')}`,
    '[web]', 'type = none',
    '[logging]', 'level = warning', '',
  ].join('\n'));
  const log = fs.openSync(path.join(dir, 'radicale.log'), 'a');
  const child = spawn('radicale', ['--config', path.join(dir, 'config')], { stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`Radicale exited (${child.exitCode}); see ${path.join(dir, 'radicale.log')}`);
    const res = await fetch(url, { method: 'PROPFIND', headers: { Depth: '0' } }).catch(() => null);
    if (res) {
      await res.arrayBuffer();
      return { url, port, stop: () => child.kill('SIGTERM') };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('Radicale did not start within 10 s');
}

const auth = 'Basic ' + Buffer.from(`${DEMO_DAV_USER}:${DEMO_DAV_PASSWORD}`).toString('base64');

async function dav(url, method, body, headers = {}) {
  const res = await fetch(url, { method, body, headers: { Authorization: auth, 'Content-Type': 'application/xml; charset=utf-8', ...headers } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return text;
}

const mkcalendar = (name, color) => `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
  <D:set><D:prop><D:displayname>${name}</D:displayname><A:calendar-color>${color}</A:calendar-color>
  <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set>
</C:mkcalendar>`;

const mkaddressbook = (name) => `<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype><D:displayname>${name}</D:displayname></D:prop></D:set>
</D:mkcol>`;

const p2 = (n) => String(n).padStart(2, '0');
const utc = (d) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}T${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}00Z`;
const dateOnly = (d) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`;

function vevent({ uid, title, start, end, allDay = false, rrule, location = '', description = '' }) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//PMSync//demo//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utc(new Date())}`,
    allDay ? `DTSTART;VALUE=DATE:${dateOnly(start)}` : `DTSTART:${utc(start)}`,
    allDay ? `DTEND;VALUE=DATE:${dateOnly(end)}` : `DTEND:${utc(end)}`,
    `SUMMARY:${title}`];
  if (location) lines.push(`LOCATION:${location}`);
  if (description) lines.push(`DESCRIPTION:${description}`);
  if (rrule) lines.push(`RRULE:${rrule}`);
  lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT10M', 'END:VALARM', 'END:VEVENT', 'END:VCALENDAR', '');
  return lines.join('\r\n');
}

const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Tim', 'Hedy', 'Alan', 'Katherine', 'John', 'Sophie'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee', 'Lamarr', 'Turing', 'Johnson', 'McCarthy', 'Wilson'];
const ORGS = ['Northwind Traders', 'Contoso', 'Fabrikam', 'Tailspin Toys', 'Wingtip'];

function vcard(i) {
  const given = FIRST[i % FIRST.length];
  const family = LAST[(i * 7) % LAST.length];
  const org = ORGS[i % ORGS.length];
  const email = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${org.toLowerCase().replace(/ /g, '')}.example`;
  return ['BEGIN:VCARD', 'VERSION:4.0', `UID:demo-contact-${i}`, `FN:${given} ${family}`, `N:${family};${given};;;`,
    `EMAIL;TYPE=work:${email}`, `TEL;TYPE=cell:+1-555-01${p2(i % 100)}`, `ORG:${org}`, `TITLE:${i % 3 === 0 ? 'Engineer' : i % 3 === 1 ? 'Manager' : 'Designer'}`,
    `CATEGORIES:${i % 2 ? 'Work' : 'Friends'}`, i % 5 === 0 ? `BDAY:--${p2(1 + (i % 12))}${p2(1 + (i % 28))}` : '', `NOTE:Met at the ${org} offsite.`, 'END:VCARD', '']
    .filter(Boolean).join('\r\n');
}

/** Two calendars (Work, Personal) with events around `now`, and an address book of 40 contacts. */
export async function seedDemoDav(url, now = new Date()) {
  const home = new URL(`${DEMO_DAV_USER}/`, url).href;
  await dav(home, 'PROPFIND', undefined, { Depth: '0' }); // Radicale creates the principal on first use
  const work = new URL('work/', home).href;
  const personal = new URL('personal/', home).href;
  const contacts = new URL('contacts/', home).href;
  await dav(work, 'MKCALENDAR', mkcalendar('Work', '#3b82f6'));
  await dav(personal, 'MKCALENDAR', mkcalendar('Personal', '#10b981'));
  await dav(contacts, 'MKCOL', mkaddressbook('Contacts'));

  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const at = (days, hours, minutes = 0) => new Date(day.getTime() + days * 86400e3 + (hours * 60 + minutes) * 60e3);
  const monday = -((day.getUTCDay() + 6) % 7);
  const events = [
    [work, { uid: 'demo-standup', title: 'Team stand-up', start: at(monday, 9), end: at(monday, 9, 15), rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', location: 'Room 2' }],
    [work, { uid: 'demo-planning', title: 'Sprint planning', start: at(monday, 13), end: at(monday, 14, 30), rrule: 'FREQ=WEEKLY;INTERVAL=2', description: 'Bring the roadmap.' }],
    [work, { uid: 'demo-review', title: 'Design review', start: at(1, 15), end: at(1, 16), location: 'Video call' }],
    [work, { uid: 'demo-overlap', title: 'Customer call (overlaps the review)', start: at(1, 15, 30), end: at(1, 16, 30) }],
    [work, { uid: 'demo-offsite', title: 'Offsite', start: at(7, 0), end: at(9, 0), allDay: true }],
    [personal, { uid: 'demo-gym', title: 'Gym', start: at(monday + 1, 18), end: at(monday + 1, 19), rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' }],
    [personal, { uid: 'demo-dinner', title: 'Dinner with Grace', start: at(2, 19), end: at(2, 21), location: 'Luigi\'s' }],
    [personal, { uid: 'demo-dentist', title: 'Dentist', start: at(-3, 10), end: at(-3, 11) }],
  ];
  for (const [collection, e] of events) await dav(new URL(`${e.uid}.ics`, collection).href, 'PUT', vevent(e), { 'Content-Type': 'text/calendar; charset=utf-8' });
  for (let i = 0; i < 40; i++) await dav(new URL(`demo-contact-${i}.vcf`, contacts).href, 'PUT', vcard(i), { 'Content-Type': 'text/vcard; charset=utf-8' });
  return { events: events.length, contacts: 40 };
}
