import type { Db } from '../../../store/connection';

/** A DAV account with one calendar, written straight into the profile (no server: writes stay pending). */
export function addLocalCalendar(db: Db, name = 'Home'): number {
  const account = Number(db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'DAV', 1)").run().lastInsertRowid);
  db.prepare("INSERT INTO dav_accounts(account_id, server_url, user, password) VALUES (?, 'http://127.0.0.1:9/', 'u', 'p')").run(account);
  return Number(db.prepare("INSERT INTO dav_collections(account_id, kind, url, name, color, components) VALUES (?, 'calendar', ?, ?, '#00f', '[\"VEVENT\"]')")
    .run(account, `http://127.0.0.1:9/${name}/`, name).lastInsertRowid);
}

/** A clock tests move by hand; timers fire when their time is reached. */
export class ManualClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(public current: number) {}
  now = (): number => this.current;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.current + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advanceTo(t: number): void {
    for (;;) {
      const due = this.timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.current = due.at;
      due.fn();
    }
    this.current = t;
  }
  pending(): number {
    return this.timers.length;
  }
}
