import type { Page } from '@playwright/test';
import { calendarObjects, putEvent, radicaleWithWorkCalendar, veventProp, type DavTestServer } from './dav-fixture';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './serve-fixture';

// The browser runs in Berlin while the machine runs in UTC: times must survive the zone change.
const ZONE = 'Europe/Berlin';
test.use({ timezoneId: ZONE });

function berlinWall(ms: number): { y: number; mo: number; d: number; h: number; mi: number } {
  const p = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(ms);
  const get = (t: string) => Number(p.find((x) => x.type === t)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

/** The instant a Berlin clock shows y-mo-d h:mi (never in a DST gap here: 07:00–12:00). */
function berlinToUtc(y: number, mo: number, d: number, h: number, mi = 0): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const w = berlinWall(asUtc);
  const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - asUtc;
  return asUtc - offset;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** DTSTART/DTEND as an instant, whether the client wrote it in UTC or with TZID=Europe/Berlin. */
function instantOf(prop: { params: string; value: string } | null): number | null {
  if (!prop) return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(prop.value);
  if (!m) return null;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  if (m[7] === 'Z') return Date.UTC(y!, mo! - 1, d!, h!, mi!);
  if (/TZID=Europe\/Berlin/i.test(prop.params)) return berlinToUtc(y!, mo!, d!, h!, mi!);
  return null;
}

async function dragOnEmptyTime(page: Page, date: string, from: string, toSlotEnd: string): Promise<void> {
  const column = page.locator(`td.fc-timegrid-col[data-date="${date}"]`);
  const first = page.locator(`td.fc-timegrid-slot-lane[data-time="${from}"]`);
  const last = page.locator(`td.fc-timegrid-slot-lane[data-time="${toSlotEnd}"]`);
  await first.scrollIntoViewIfNeeded();
  const col = (await column.boundingBox())!;
  const a = (await first.boundingBox())!;
  const b = (await last.boundingBox())!;
  const x = col.x + col.width / 2;
  await page.mouse.move(x, a.y + 3);
  await page.mouse.down();
  await page.mouse.move(x, (a.y + b.y + b.height) / 2, { steps: 6 });
  await page.mouse.move(x, b.y + b.height - 3, { steps: 6 });
  await page.mouse.up();
}

async function addDavAccountThroughUi(page: Page, server: DavTestServer): Promise<void> {
  await page.getByTestId('calendar-add-account').click();
  const dialog = page.getByTestId('add-account-dialog');
  await dialog.getByTestId('dav-url').fill(server.url);
  await dialog.getByTestId('dav-user').fill(server.user);
  await dialog.getByTestId('dav-password').fill(server.password);
  await dialog.getByTestId('dav-add').click();
  await expect(dialog.getByTestId('dav-found')).toContainText('Work', { timeout: 30_000 });
  await dialog.getByTestId('dav-done').click();
}

/** Each VEVENT block of a resource, unfolded. */
function vevents(ics: string): string[] {
  return [...ics.replace(/\r?\n[ \t]/g, '').matchAll(/BEGIN:VEVENT[\s\S]*?END:VEVENT/g)].map((m) => m[0]);
}

test('add a CalDAV account, create an event by dragging in week view, rename it, and find it on the server', async ({ page, served }) => {
  test.setTimeout(120_000);
  let dav: { server: DavTestServer; calendarUrl: string } | null = null;
  try {
    dav = await radicaleWithWorkCalendar();
    const { server, calendarUrl } = dav;
    const now = Date.now();
    const today = berlinWall(now);
    const todayIso = `${today.y}-${String(today.mo).padStart(2, '0')}-${String(today.d).padStart(2, '0')}`;
    // Another client already put an event on the server this morning: it must show up after sync.
    const seededStart = berlinToUtc(today.y, today.mo, today.d, 7);
    await putEvent(server, calendarUrl, 'seeded-1', `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//e2e//EN\r\nBEGIN:VEVENT\r\nUID:seeded-1\r\nDTSTAMP:${stamp(now)}\r\nDTSTART:${stamp(seededStart)}\r\nDTEND:${stamp(seededStart + 3_600_000)}\r\nSUMMARY:Seeded review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);

    // FullCalendar injects styles at runtime: the CSP must allow them, and nothing may be refused.
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(served.url);
    await page.getByTestId('rail-calendar').click();
    await expect(page.getByTestId('calendar-view')).toBeVisible();

    // Account setup through the UI: a wrong password is named next to the password field first.
    await page.getByTestId('calendar-add-account').click();
    const dialog = page.getByTestId('add-account-dialog');
    await expect(dialog.getByTestId('account-kind-dav')).toHaveAttribute('aria-pressed', 'true');
    await dialog.getByTestId('dav-url').fill(server.url);
    await dialog.getByTestId('dav-user').fill('alice');
    await dialog.getByTestId('dav-password').fill('wrong-password');
    await dialog.getByTestId('dav-add').click();
    await expect(dialog.getByTestId('dav-error-password')).toBeVisible({ timeout: 20_000 });
    await dialog.getByTestId('dav-password').fill('alicepw');
    await dialog.getByTestId('dav-add').click();
    await expect(dialog.getByTestId('dav-found')).toContainText('Work', { timeout: 30_000 });
    await dialog.getByTestId('dav-done').click();

    await expect(page.locator('[data-testid="calendar-toggle"][data-calendar-name="Work"]')).toBeVisible({ timeout: 20_000 });
    await page.keyboard.press('w');
    await expect(page.getByTestId('calendar-view-week')).toHaveAttribute('aria-pressed', 'true');
    // Themed and laid out (FullCalendar's injected CSS applied): the time grid has real height.
    expect((await page.locator('.fc-timegrid-slots').boundingBox())?.height ?? 0).toBeGreaterThan(400);
    expect(cspViolations).toEqual([]);
    await expect(page.getByTestId('calendar-event').filter({ hasText: 'Seeded review' })).toBeVisible({ timeout: 30_000 });

    // Keyboard: month, next, today, back to week.
    const title = page.getByTestId('calendar-title');
    const weekTitle = await title.textContent();
    await page.keyboard.press('m');
    await expect(page.getByTestId('calendar-view-month')).toHaveAttribute('aria-pressed', 'true');
    const monthTitle = await title.textContent();
    await page.keyboard.press('n');
    await expect(title).not.toHaveText(monthTitle ?? '');
    await page.keyboard.press('t');
    await expect(title).toHaveText(monthTitle ?? '');
    await page.keyboard.press('w');
    await expect(title).toHaveText(weekTitle ?? '');

    // Drag 10:00 → 11:30 today on empty time: the dialog opens on exactly that range.
    await dragOnEmptyTime(page, todayIso, '10:00:00', '11:00:00');
    const eventDialog = page.getByTestId('event-dialog');
    await expect(eventDialog).toBeVisible();
    await expect(eventDialog.getByTestId('event-start-time')).toHaveValue('10:00');
    await expect(eventDialog.getByTestId('event-end-time')).toHaveValue('11:30');
    await expect(eventDialog.getByTestId('event-time-zone')).toHaveValue(ZONE);
    await eventDialog.getByTestId('event-title').fill('Drafted in week view');
    await eventDialog.getByTestId('event-save').click();
    await expect(eventDialog).toBeHidden();
    const created = page.getByTestId('calendar-event').filter({ hasText: 'Drafted in week view' });
    await expect(created).toBeVisible();

    const expectedStart = berlinToUtc(today.y, today.mo, today.d, 10);
    const onServer = async (summary: string) => (await calendarObjects(server, calendarUrl)).filter((o) => veventProp(o.ics, 'SUMMARY')?.value === summary);
    await expect.poll(async () => (await onServer('Drafted in week view')).length, { timeout: 30_000 }).toBe(1);
    const [first] = await onServer('Drafted in week view');
    expect(instantOf(veventProp(first!.ics, 'DTSTART'))).toBe(expectedStart);
    expect(instantOf(veventProp(first!.ics, 'DTEND'))).toBe(expectedStart + 90 * 60_000);
    const uid = veventProp(first!.ics, 'UID')?.value;

    // Rename it in the dialog: the same resource on the server gets the new title.
    await created.click();
    await expect(eventDialog.getByTestId('event-title')).toHaveValue('Drafted in week view');
    await eventDialog.getByTestId('event-title').fill('Renamed on the server');
    await eventDialog.getByTestId('event-save').click();
    await expect(eventDialog).toBeHidden();
    await expect(page.getByTestId('calendar-event').filter({ hasText: 'Renamed on the server' })).toBeVisible();
    await expect.poll(async () => (await onServer('Renamed on the server')).length, { timeout: 30_000 }).toBe(1);
    const all = await calendarObjects(server, calendarUrl);
    expect(all.map((o) => veventProp(o.ics, 'SUMMARY')?.value).sort()).toEqual(['Renamed on the server', 'Seeded review']);
    const [renamed] = await onServer('Renamed on the server');
    expect(veventProp(renamed!.ics, 'UID')?.value).toBe(uid);
    expect(renamed!.href).toBe(first!.href);
    await expect(page.locator('[data-testid="calendar-event"][data-sync-state="synced"]').filter({ hasText: 'Renamed on the server' })).toBeVisible({ timeout: 30_000 });
    // A sync after our own writes must not bring the event back as a second copy.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForTimeout(4000);
    await expect(page.getByTestId('calendar-event').filter({ hasText: 'Renamed on the server' })).toHaveCount(1);

    // Hiding the calendar hides its events; showing it brings them back.
    const toggle = page.locator('[data-testid="calendar-toggle"][data-calendar-name="Work"]');
    await toggle.click();
    await expect(toggle.locator('input')).not.toBeChecked();
    await expect(page.getByTestId('calendar-event')).toHaveCount(0);
    await toggle.click();
    await expect(toggle.locator('input')).toBeChecked();
    await expect(page.getByTestId('calendar-event').filter({ hasText: 'Renamed on the server' })).toHaveCount(1);
  } finally {
    await dav?.server.dispose();
  }
});

test('an invitation in the mail reader shows its time in the user’s zone and the answer buttons', async ({ page, served }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmsync-invite-'));
  try {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:invite-e2e-1@fbi.example', 'SEQUENCE:0',
      'DTSTAMP:20261120T090000Z', 'DTSTART:20261201T130000Z', 'DTEND:20261201T140000Z', 'SUMMARY:Budget kickoff', 'LOCATION:Room 4',
      'ORGANIZER;CN=Dana Scully:mailto:dana@fbi.example', 'ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.test',
      'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    const mbox = [
      'From dana@fbi.example Fri Nov 20 09:00:00 2026',
      'Message-ID: <invite-e2e-1@fbi.example>', 'From: Dana Scully <dana@fbi.example>', 'To: Me <me@example.test>',
      'Subject: Invitation: Budget kickoff', 'Date: Fri, 20 Nov 2026 09:00:00 +0000', 'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '',
      'You are invited to Budget kickoff.', '--b1', 'Content-Type: text/calendar; charset=utf-8; method=REQUEST', '', ics, '--b1--', '',
    ].join('\n');
    const file = path.join(dir, 'Invites.mbox');
    fs.writeFileSync(file, mbox);
    await page.goto(served.url);
    await page.getByTestId('import-input').setInputFiles(file);
    await expect(page.getByTestId('import-status')).toContainText(/1 imported|imported 1/i, { timeout: 30_000 });
    await page.locator('[data-testid="folder-item"][data-folder-name="Invites"]').click();
    await page.getByTestId('thread-row').filter({ hasText: 'Budget kickoff' }).click();
    const card = page.getByTestId('invitation-card');
    await expect(card).toBeVisible();
    await expect(card).toContainText('Budget kickoff');
    await expect(card).toContainText('Room 4');
    await expect(card).toContainText('Dana Scully');
    // 13:00 UTC is 14:00 in Berlin (CET), and the card names the zone.
    await expect(card.getByTestId('invitation-when')).toContainText(/2:00\s?PM.*Europe\/Berlin/);
    for (const id of ['invitation-accepted', 'invitation-tentative', 'invitation-declined']) await expect(card.getByTestId(id)).toBeEnabled();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('drag one occurrence of a repeating event, then delete the whole series from the keyboard', async ({ page, served }) => {
  test.setTimeout(120_000);
  let dav: { server: DavTestServer; calendarUrl: string } | null = null;
  try {
    dav = await radicaleWithWorkCalendar();
    const { server, calendarUrl } = dav;
    const today = berlinWall(Date.now());
    const todayIso = `${today.y}-${String(today.mo).padStart(2, '0')}-${String(today.d).padStart(2, '0')}`;
    const first = Date.UTC(today.y, today.mo - 1, today.d - 14, 13); // 13:00 UTC = 14:00 in Berlin (winter) or 15:00 (summer)
    await putEvent(server, calendarUrl, 'daily-1', `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//e2e//EN\r\nBEGIN:VEVENT\r\nUID:daily-1\r\nDTSTAMP:${stamp(Date.now())}\r\nDTSTART:${stamp(first)}\r\nDTEND:${stamp(first + 3_600_000)}\r\nRRULE:FREQ=DAILY;COUNT=40\r\nSUMMARY:Daily sync\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);

    await page.goto(served.url);
    await page.getByTestId('rail-calendar').click();
    await addDavAccountThroughUi(page, server);
    await page.keyboard.press('w');
    const todays = page.locator(`td.fc-timegrid-col[data-date="${todayIso}"] [data-testid="calendar-event"]`).filter({ hasText: 'Daily sync' });
    await expect(todays).toBeVisible({ timeout: 30_000 });

    // Drag today's occurrence one hour later (two 30-minute slots) and keep it to this occurrence.
    const slotA = (await page.locator('td.fc-timegrid-slot-lane[data-time="10:00:00"]').boundingBox())!;
    const slotB = (await page.locator('td.fc-timegrid-slot-lane[data-time="10:30:00"]').boundingBox())!;
    const hour = 2 * (slotB.y - slotA.y);
    const box = (await todays.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 6 + hour / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, box.y + 6 + hour, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByTestId('scope-dialog')).toBeVisible();
    await page.getByTestId('scope-this').check();
    await page.getByTestId('scope-confirm').click();
    await expect(page.getByTestId('scope-dialog')).toBeHidden();

    const occurrence = Date.UTC(today.y, today.mo - 1, today.d, 13);
    await expect.poll(async () => {
      const res = (await calendarObjects(server, calendarUrl)).find((o) => o.ics.includes('UID:daily-1'));
      const override = vevents(res?.ics ?? '').find((v) => v.includes('RECURRENCE-ID'));
      return override ? [instantOf(veventProp(override, 'RECURRENCE-ID')), instantOf(veventProp(override, 'DTSTART'))] : null;
    }, { timeout: 30_000 }).toEqual([occurrence, occurrence + 3_600_000]);
    // The series itself did not move.
    const series = (await calendarObjects(server, calendarUrl)).find((o) => o.ics.includes('UID:daily-1'))!;
    const master = vevents(series.ics).find((v) => !v.includes('RECURRENCE-ID'))!;
    expect(instantOf(veventProp(master, 'DTSTART'))).toBe(first);

    // Focus another occurrence, press Delete, choose "All events": the resource leaves the server.
    const other = page.getByTestId('calendar-event').filter({ hasText: 'Daily sync' }).first();
    await other.focus();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('scope-dialog')).toBeVisible();
    await page.getByTestId('scope-all').check();
    await page.getByTestId('scope-confirm').click();
    await expect(page.getByTestId('calendar-event').filter({ hasText: 'Daily sync' })).toHaveCount(0);
    await expect.poll(async () => (await calendarObjects(server, calendarUrl)).length, { timeout: 30_000 }).toBe(0);
  } finally {
    await dav?.server.dispose();
  }
});

test('an edit that collides with a server change is kept aside until the user picks a version', async ({ page, served }) => {
  test.setTimeout(120_000);
  let dav: { server: DavTestServer; calendarUrl: string } | null = null;
  try {
    dav = await radicaleWithWorkCalendar();
    const { server, calendarUrl } = dav;
    const today = berlinWall(Date.now());
    const at = Date.UTC(today.y, today.mo - 1, today.d, 15);
    const ics = (summary: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//e2e//EN\r\nBEGIN:VEVENT\r\nUID:clash-1\r\nDTSTAMP:${stamp(Date.now())}\r\nDTSTART:${stamp(at)}\r\nDTEND:${stamp(at + 3_600_000)}\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    await putEvent(server, calendarUrl, 'clash-1', ics('Original title'));

    await page.goto(served.url);
    await page.getByTestId('rail-calendar').click();
    await addDavAccountThroughUi(page, server);
    await page.keyboard.press('w');
    const original = page.getByTestId('calendar-event').filter({ hasText: 'Original title' });
    await expect(original).toBeVisible({ timeout: 30_000 });

    // Another client changes it on the server; we rename it here before syncing that change.
    const put = await server.request('PUT', new URL('clash-1.ics', calendarUrl).href, ics('Server title'), { 'content-type': 'text/calendar; charset=utf-8' });
    expect([201, 204]).toContain(put.status);
    await original.click();
    const eventDialog = page.getByTestId('event-dialog');
    await eventDialog.getByTestId('event-title').fill('My title');
    await eventDialog.getByTestId('event-save').click();
    await expect(eventDialog).toBeHidden();

    // The 412 is surfaced, nothing is overwritten, and the user chooses.
    const banner = page.getByTestId('calendar-conflicts-banner');
    await expect(banner).toBeVisible({ timeout: 30_000 });
    const summaries = async () => (await calendarObjects(server, calendarUrl)).map((o) => veventProp(o.ics, 'SUMMARY')?.value);
    expect(await summaries()).toEqual(['Server title']);
    await banner.getByTestId('calendar-conflicts-review').click();
    const item = page.getByTestId('conflict-item');
    await expect(item).toHaveCount(1);
    await item.getByTestId('conflict-keep-local').click();
    await expect(banner).toBeHidden({ timeout: 30_000 });
    await expect.poll(summaries, { timeout: 30_000 }).toEqual(['My title']);
    await expect(page.getByTestId('calendar-event').filter({ hasText: 'My title' })).toBeVisible();
  } finally {
    await dav?.server.dispose();
  }
});

test('a reminder set in the event dialog pops up as a Web Notification and a click opens the event', async ({ page, served, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['notifications']);
  // Record notifications instead of showing them (headless has no notification centre to look at).
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body?: string; tag?: string; onclick: (() => void) | null; close(): void }> = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    class Recorded {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      body?: string;
      tag?: string;
      constructor(public title: string, options?: { body?: string; tag?: string }) {
        this.body = options?.body;
        this.tag = options?.tag;
        shown.push(this);
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = Recorded;
  });
  let dav: { server: DavTestServer; calendarUrl: string } | null = null;
  try {
    dav = await radicaleWithWorkCalendar();
    await page.goto(served.url);
    await page.getByTestId('rail-calendar').click();
    await addDavAccountThroughUi(page, dav.server);

    // An event starting at the next minute but one, with a reminder at its start.
    const start = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    const w = berlinWall(start);
    const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    await page.keyboard.press('c');
    const eventDialog = page.getByTestId('event-dialog');
    await expect(eventDialog).toBeVisible();
    await eventDialog.getByTestId('event-title').fill('Stand up and stretch');
    await eventDialog.getByTestId('event-start-date').fill(`${w.y}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`);
    await eventDialog.getByTestId('event-start-time').fill(hhmm(w.h, w.mi));
    const e = berlinWall(start + 15 * 60_000);
    await eventDialog.getByTestId('event-end-date').fill(`${e.y}-${String(e.mo).padStart(2, '0')}-${String(e.d).padStart(2, '0')}`);
    await eventDialog.getByTestId('event-end-time').fill(hhmm(e.h, e.mi));
    await eventDialog.getByTestId('event-location').fill('Hallway');
    await eventDialog.getByTestId('event-add-reminder').click();
    await eventDialog.getByRole('combobox', { name: 'Reminder' }).selectOption('0');
    await eventDialog.getByTestId('event-save').click();
    await expect(eventDialog).toBeHidden();

    const shown = () => page.evaluate(() => (window as unknown as { __shown: Array<{ title: string; body?: string }> }).__shown.map((n) => ({ title: n.title, body: n.body })));
    await expect.poll(shown, { timeout: 150_000, intervals: [2000] }).toEqual([{ title: 'Stand up and stretch', body: 'Now · Hallway' }]);
    expect(Date.now()).toBeGreaterThanOrEqual(start - 1000);

    // Clicking it opens the event in the calendar.
    await page.getByTestId('rail-mail').click();
    await page.evaluate(() => (window as unknown as { __shown: Array<{ onclick: (() => void) | null }> }).__shown[0]?.onclick?.());
    await expect(page.getByTestId('event-dialog').getByTestId('event-title')).toHaveValue('Stand up and stretch');
  } finally {
    await dav?.server.dispose();
  }
});
