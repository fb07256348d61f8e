import { useEffect, useRef } from 'react';
import { CALENDAR_VIEWS, calendarKeyAction, type CalendarKeyAction } from './calendar-keys';

/**
 * The calendar's keys, on the window while the view is mounted. Capture phase, so that in this
 * view "c" means a new event before the app-wide handler reads it as "compose"; what we handle
 * is marked defaultPrevented, which the app-wide handler respects. A dialog owns the keyboard
 * while open; a focused event handles its own Enter (FullCalendar turns it into a click).
 */
export function useCalendarKeys(handle: (action: CalendarKeyAction, eventKey: string | null) => boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const tag = target?.tagName.toLowerCase() ?? '';
      const action = calendarKeyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: tag, targetEditable: target?.isContentEditable ?? false });
      if (!action) return;
      const onEvent = target?.closest<HTMLElement>('[data-event-key]') ?? null;
      // Enter keeps its meaning on buttons and links, and FullCalendar opens a focused event itself.
      if (action === 'open' && (onEvent || /^(button|a|summary)$/.test(tag))) return;
      if (latest.current(action, onEvent?.dataset.eventKey ?? null)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

export { CALENDAR_VIEWS };
