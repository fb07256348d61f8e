import type { DateSelectArg, EventClickArg, EventContentArg, EventDropArg, EventInput, EventMountArg, EventSourceFuncArg } from './fc-types';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventInstance } from '../../../shared/api/calendar';
import { isNotAvailable } from '../accounts/setup-logic';
import { Icon } from '../app/Icon';
import { Placeholder } from '../app/Placeholder';
import { useServices } from '../app/services';
import '../styles/calendar.css';
import { CALENDAR_VIEWS, type CalendarKeyAction, type CalendarViewName } from './calendar-keys';
import { CalendarSidebar } from './CalendarSidebar';
import { CalendarToolbar } from './CalendarToolbar';
import { ConflictsBanner } from './ConflictsBanner';
import { EventDialog, type DialogTarget } from './EventDialog';
import { stateDescription, toCalendarEvent } from './fc-mapping';
import { QuestionDialog } from './QuestionDialog';
import { spanFromCalendar } from './scope';
import { useCalendarKeys } from './useCalendarKeys';
import { useCalendars, writableCalendars } from './useCalendars';
import { targetOf, useEventActions } from './useEventActions';
import { loadCalendarView, saveCalendarView } from './view-choice';

export interface CalendarOpenRequest {
  eventId: number;
  instanceStart: number;
  nonce: number;
}

const HOUR = 3_600_000;
const instanceOf = (e: { extendedProps: Record<string, unknown> }) => e.extendedProps.instance as EventInstance;
/** The selection mirror (while dragging out a new event) is an event without an instance. */
const maybeInstance = (e: { extendedProps: Record<string, unknown> }) => e.extendedProps.instance as EventInstance | undefined;

function EventChip({ arg }: { arg: EventContentArg }) {
  const i = maybeInstance(arg.event);
  if (!i) return <div className="pm-event-inner"><span className="pm-event-time">{arg.timeText}</span></div>;
  return (
    <div className="pm-event-inner">
      {arg.timeText && <span className="pm-event-time">{arg.timeText}</span>}
      <span className="pm-event-title">{arg.event.title}</span>
      {i.conflict && <span className="pm-badge pm-badge-overlap" title="Overlaps another event" aria-label="overlaps another event">⚠</span>}
      {i.syncState === 'pending' && <span className="pm-badge" title="Not yet on the server" aria-label="not yet on the server">↻</span>}
      {i.syncState === 'conflict' && <span className="pm-badge pm-badge-conflict" title="Changed on the server too" aria-label="sync conflict">!</span>}
      {i.recurring && <span className="pm-badge" aria-hidden="true">⟳</span>}
    </div>
  );
}

/** Month, week, day and agenda over the visible calendars, editable by drag, click and keyboard. */
export function CalendarView({ onAddAccount, openRequest }: { onAddAccount(): void; openRequest: CalendarOpenRequest | null }) {
  const { api, client, reportError } = useServices();
  const { calendars, accounts, state, setVisible } = useCalendars();
  const actions = useEventActions();
  const fcRef = useRef<FullCalendar>(null);
  const [view, setView] = useState<CalendarViewName>(loadCalendarView);
  const [title, setTitle] = useState('');
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const [eventsUnavailable, setEventsUnavailable] = useState(false);
  const selected = useRef<string | null>(null);
  const writable = useMemo(() => writableCalendars(calendars), [calendars]);
  const readOnlyIds = useMemo(() => new Set(calendars.filter((c) => c.readOnly).map((c) => c.id)), [calendars]);
  const readOnlyRef = useRef(readOnlyIds);
  readOnlyRef.current = readOnlyIds;
  const fc = () => fcRef.current?.getApi() ?? null;
  const refetch = useCallback(() => fcRef.current?.getApi().refetchEvents(), []);

  // One stable source function: FullCalendar asks per visible range and caches while it can.
  const events = useCallback((info: EventSourceFuncArg, ok: (e: EventInput[]) => void) => {
    api.calendar.listEvents({ from: info.start.getTime(), to: info.end.getTime() }).then(
      (list) => {
        setEventsUnavailable(false);
        ok(list.map((i) => toCalendarEvent(i, readOnlyRef.current.has(i.calendarId))));
      },
      (err: unknown) => {
        if (isNotAvailable(err)) setEventsUnavailable(true);
        else reportError(err, 'load events');
        ok([]);
      },
    );
  }, [api, reportError]);

  useEffect(() => client.on('calendar.changed', refetch), [client, refetch]);
  const readOnlyKey = [...readOnlyIds].join(',');
  useEffect(refetch, [readOnlyKey, refetch]);

  const newEventAt = useCallback((start: number, end: number, allDay: boolean) => {
    setDialog({ kind: 'new', range: { start, end, allDay }, calendarId: writable[0]?.id ?? null });
  }, [writable]);

  const newEventNow = useCallback(() => {
    const api = fc();
    const base = api?.getDate() ?? new Date();
    const now = new Date();
    const start = new Date(base.getFullYear(), base.getMonth(), base.getDate(), now.getHours() + 1).getTime();
    newEventAt(start, start + HOUR, false);
  }, [newEventAt]);

  const openKey = useCallback((key: string | null) => {
    const ev = key ? fc()?.getEventById(key) : null;
    if (ev) setDialog({ kind: 'edit', target: targetOf(instanceOf(ev)) });
    return !!ev;
  }, []);

  const onKey = useCallback((action: CalendarKeyAction, eventKey: string | null): boolean => {
    const cal = fc();
    if (!cal) return false;
    switch (action) {
      case 'today': cal.today(); return true;
      case 'next': cal.next(); return true;
      case 'previous': cal.prev(); return true;
      case 'new-event': newEventNow(); return true;
      case 'open': return openKey(eventKey ?? selected.current);
      case 'delete': {
        const ev = cal.getEventById(eventKey ?? selected.current ?? '');
        if (!ev || !ev.startEditable) return false;
        void actions.remove(targetOf(instanceOf(ev))).then((deleted) => deleted && refetch());
        return true;
      }
      default: cal.changeView(CALENDAR_VIEWS[action]); return true;
    }
  }, [actions, newEventNow, openKey, refetch]);
  useCalendarKeys(onKey);

  // A reminder (or another view) asks to show one occurrence: go to its day and open it.
  useEffect(() => {
    if (!openRequest) return;
    fc()?.gotoDate(openRequest.instanceStart);
    api.calendar.listEvents({ from: openRequest.instanceStart - 1, to: openRequest.instanceStart + 1 }).then((list) => {
      const found = list.find((i) => i.eventId === openRequest.eventId);
      setDialog({ kind: 'edit', target: found ? targetOf(found) : { eventId: openRequest.eventId, instanceStart: openRequest.instanceStart, recurring: false, title: '' } });
    }, (err: unknown) => reportError(err, 'open the event'));
  }, [openRequest, api, reportError]);

  const onSelect = (arg: DateSelectArg) => {
    const span = spanFromCalendar(arg.start, arg.end, arg.allDay);
    // A plain click selects one 30-minute slot; an hour is the more useful default.
    const end = !span.allDay && span.end - span.start <= HOUR / 2 ? span.start + HOUR : span.end;
    newEventAt(span.start, end, span.allDay);
    arg.view.calendar.unselect();
  };
  const onEventClick = (arg: EventClickArg) => {
    arg.jsEvent.preventDefault();
    selected.current = arg.event.id;
    setDialog({ kind: 'edit', target: targetOf(instanceOf(arg.event)) });
  };
  const onChange = (arg: EventDropArg | EventResizeDoneArg) => {
    const i = instanceOf(arg.oldEvent);
    const moved = spanFromCalendar(arg.event.start ?? new Date(i.start), arg.event.end, arg.event.allDay);
    void actions.move(targetOf(i), i, moved, arg.revert).then(refetch);
  };
  const onMount = (arg: EventMountArg) => {
    const i = maybeInstance(arg.event);
    if (!i) return;
    arg.el.dataset.eventKey = arg.event.id;
    arg.el.dataset.testid = 'calendar-event';
    arg.el.dataset.syncState = i.syncState;
    const words = stateDescription(i);
    arg.el.title = words ? `${arg.event.title} — ${words}` : arg.event.title;
    arg.el.addEventListener('focus', () => (selected.current = arg.event.id));
  };

  if (state === 'unavailable') {
    return <Placeholder icon="calendar" title="Calendar">This PMSync core does not serve calendars yet (calendar.listCalendars is not available). Update PMSync, then come back.</Placeholder>;
  }
  const noCalendars = state === 'ready' && calendars.length === 0;
  return (
    <div className="calendar-view" data-testid="calendar-view">
      <CalendarSidebar calendars={calendars} accounts={accounts} onNewEvent={newEventNow} onAddAccount={onAddAccount}
        onToggle={(id, visible) => void setVisible(id, visible).then(refetch)}
        onSyncNow={() => void api.sync.now({}).catch((err: unknown) => reportError(err, 'sync now'))} />
      <div className="calendar-main">
        {noCalendars && (
          <div className="calendar-banner" role="status" data-testid="calendar-empty">
            <Icon name="calendar" size={16} />
            <span>No calendars yet. Add a CalDAV account to see and edit your calendars here, offline too.</span>
            <button type="button" className="button small primary" data-testid="calendar-empty-add" onClick={onAddAccount}>Add CalDAV account</button>
          </div>
        )}
        {eventsUnavailable && <div className="calendar-banner warn" role="status">Events cannot be listed by this PMSync core yet (calendar.listEvents is not available).</div>}
        <ConflictsBanner />
        <CalendarToolbar title={title} view={view} onView={(v) => fc()?.changeView(v)} onToday={() => fc()?.today()} onPrev={() => fc()?.prev()} onNext={() => fc()?.next()} />
        <div className="calendar-grid" onClickCapture={(e) => {
          const el = (e.target as HTMLElement).closest<HTMLElement>('[data-event-key]');
          if (el) selected.current = el.dataset.eventKey ?? null;
        }}>
          <FullCalendar
            ref={fcRef}
            plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
            initialView={view}
            headerToolbar={false}
            height="100%"
            firstDay={1}
            nowIndicator
            selectable
            selectMirror
            editable
            eventInteractive
            dayMaxEvents
            events={events}
            select={onSelect}
            eventClick={onEventClick}
            eventDrop={onChange}
            eventResize={onChange}
            eventContent={(arg: EventContentArg) => <EventChip arg={arg} />}
            eventDidMount={onMount}
            datesSet={(arg) => {
              setTitle(arg.view.title);
              setView(arg.view.type as CalendarViewName);
              saveCalendarView(arg.view.type);
            }}
          />
        </div>
      </div>
      {dialog && <EventDialog target={dialog} calendars={calendars} writable={writable} askScope={actions.askScope} onDelete={actions.remove} onClose={() => {
        setDialog(null);
        refetch();
      }} />}
      {actions.question && <QuestionDialog question={actions.question} />}
    </div>
  );
}
