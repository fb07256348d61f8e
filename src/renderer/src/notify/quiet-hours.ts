/** Quiet hours live in this browser profile only (localStorage): they are about this screen. */
export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", 24-hour local time. */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: false, start: '22:00', end: '07:00' };
export const QUIET_HOURS_KEY = 'pmsync.quietHours';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** True when `at` falls in the quiet window; a window like 22:00–07:00 wraps past midnight. */
export function inQuietHours(quiet: QuietHours, at: Date): boolean {
  if (!quiet.enabled) return false;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === null || end === null || start === end) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Reads stored quiet hours; anything unreadable falls back to the defaults. */
export function parseQuietHours(raw: string | null): QuietHours {
  if (!raw) return DEFAULT_QUIET_HOURS;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return DEFAULT_QUIET_HOURS;
    const v = value as Record<string, unknown>;
    if (typeof v.enabled !== 'boolean' || typeof v.start !== 'string' || typeof v.end !== 'string') return DEFAULT_QUIET_HOURS;
    if (minutes(v.start) === null || minutes(v.end) === null) return DEFAULT_QUIET_HOURS;
    return { enabled: v.enabled, start: v.start, end: v.end };
  } catch {
    return DEFAULT_QUIET_HOURS;
  }
}

export function loadQuietHours(): QuietHours {
  try {
    return parseQuietHours(localStorage.getItem(QUIET_HOURS_KEY));
  } catch {
    return DEFAULT_QUIET_HOURS; // storage disabled: no quiet hours rather than a crash
  }
}

export function saveQuietHours(quiet: QuietHours): void {
  try {
    localStorage.setItem(QUIET_HOURS_KEY, JSON.stringify(quiet));
  } catch {
    // Without storage the setting lasts for this page only.
  }
}
