import { useCallback, useEffect, useState } from 'react';
import type { DavAccount } from '../../../shared/api/accounts';
import type { Calendar } from '../../../shared/api/calendar';
import { isNotAvailable } from '../accounts/setup-logic';
import { useServices } from '../app/services';

export type CalendarsState = 'loading' | 'ready' | 'unavailable';

/** The calendar list with visibility (optimistic: the toggle flips at once, and back on failure). */
export function useCalendars() {
  const { api, client, reportError } = useServices();
  const [calendars, setCalendars] = useState<Calendar[]>([]);
  const [accounts, setAccounts] = useState<DavAccount[]>([]);
  const [state, setState] = useState<CalendarsState>('loading');

  const reload = useCallback(async () => {
    try {
      const [list, davAccounts] = await Promise.all([
        api.calendar.listCalendars({}),
        api.accounts.listDav({}).catch(() => [] as DavAccount[]), // names only: the list works without them
      ]);
      setCalendars(list);
      setAccounts(davAccounts);
      setState('ready');
    } catch (err) {
      if (isNotAvailable(err)) setState('unavailable');
      else {
        setState('ready');
        reportError(err, 'load your calendars');
      }
    }
  }, [api, reportError]);

  useEffect(() => {
    void reload();
  }, [reload]);
  // Sync finds new calendars and colours; a finished sync also says so with calendar.changed.
  useEffect(() => client.on('calendar.changed', () => void reload()), [client, reload]);

  const setVisible = useCallback(async (calendarId: number, visible: boolean) => {
    setCalendars((list) => list.map((c) => (c.id === calendarId ? { ...c, visible } : c)));
    try {
      await api.calendar.setCalendarVisible({ calendarId, visible });
      return true;
    } catch (err) {
      setCalendars((list) => list.map((c) => (c.id === calendarId ? { ...c, visible: !visible } : c)));
      reportError(err, visible ? 'show the calendar' : 'hide the calendar');
      return false;
    }
  }, [api, reportError]);

  return { calendars, accounts, state, reload, setVisible };
}

/** Calendars a new event can go into: writable, taking events, visible ones first. */
export function writableCalendars(calendars: Calendar[]): Calendar[] {
  const takesEvents = (c: Calendar) => c.components.length === 0 || c.components.includes('VEVENT');
  return calendars.filter((c) => !c.readOnly && takesEvents(c)).sort((a, b) => Number(b.visible) - Number(a.visible));
}
