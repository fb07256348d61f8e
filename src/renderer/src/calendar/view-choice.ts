import { CALENDAR_VIEWS, type CalendarViewName } from './calendar-keys';

const KEY = 'pmsync.calendarView';
const NAMES = new Set<string>(Object.values(CALENDAR_VIEWS));

/** The last view the user chose (this browser profile only); week when unknown. */
export function loadCalendarView(): CalendarViewName {
  try {
    const stored = localStorage.getItem(KEY);
    return stored && NAMES.has(stored) ? (stored as CalendarViewName) : 'timeGridWeek';
  } catch {
    return 'timeGridWeek';
  }
}

export function saveCalendarView(view: string): void {
  if (!NAMES.has(view)) return;
  try {
    localStorage.setItem(KEY, view);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}
