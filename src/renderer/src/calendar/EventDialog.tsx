import { useEffect, useState, type FormEvent } from 'react';
import type { Calendar, EditScope, EventDetail, EventFields as ApiEventFields } from '../../../shared/api/calendar';
import { describeError, type ErrorNotice } from '../app/describe-error';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { useEscapeKey } from '../app/useEscapeKey';
import { changedFields, fieldsOfDetail, formFromDetail, newEventForm, validateForm, type EventForm, type FormErrors } from './event-form';
import { EventFields } from './EventFields';
import { PeopleField } from './PeopleField';
import { RemindersField } from './RemindersField';
import { RepeatField } from './RepeatField';
import { timesForScope, type Span } from './scope';
import type { Target } from './useEventActions';
import { userTimeZone } from './zoned-time';

export type DialogTarget = { kind: 'new'; range: Span; calendarId: number | null } | { kind: 'edit'; target: Target };

interface Props {
  target: DialogTarget;
  calendars: Calendar[];
  /** Calendars a new event may go into. */
  writable: Calendar[];
  askScope(verb: 'save', title: string, choices?: EditScope[]): Promise<EditScope | null>;
  onDelete(target: Target): Promise<boolean>;
  onClose(): void;
}

/** Create or edit one event (or one occurrence); every field of the contract, checked before saving. */
export function EventDialog({ target, calendars, writable, askScope, onDelete, onClose }: Props) {
  const { api } = useServices();
  const zone = userTimeZone();
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [form, setForm] = useState<EventForm | null>(() => (target.kind === 'new' ? newEventForm(target.range, target.calendarId, zone) : null));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<ErrorNotice | null>(null);
  const [busy, setBusy] = useState(false);
  useEscapeKey(onClose, !busy);

  useEffect(() => {
    if (target.kind !== 'edit') return;
    let live = true;
    const t = target.target;
    api.calendar.getEvent({ eventId: t.eventId, ...(t.recurring ? { instanceStart: t.instanceStart } : {}) }).then(
      (d) => {
        if (!live) return;
        setDetail(d);
        setForm(formFromDetail(d, zone));
      },
      (err: unknown) => live && setProblem(describeError(err, 'open the event')),
    );
    return () => {
      live = false;
    };
  }, [api, target, zone]);

  const calendar = calendars.find((c) => c.id === (detail?.calendarId ?? form?.calendarId));
  const readOnly = target.kind === 'edit' && (calendar?.readOnly ?? false);
  const choices = target.kind === 'new' ? writable : calendars.filter((c) => c.id === detail?.calendarId || writable.includes(c));

  const update = async (d: EventDetail, t: Target, fields: ApiEventFields, calendarId: number) => {
    const changes = changedFields(fieldsOfDetail(d, zone), fields);
    const moveTo = calendarId !== d.calendarId ? calendarId : undefined;
    if (Object.keys(changes).length === 0 && moveTo === undefined) return true;
    let scope: EditScope = 'all';
    if (t.recurring) {
      // A new rule cannot apply to one occurrence only.
      const chosen = await askScope('save', t.title, 'rrule' in changes ? ['following', 'all'] : ['this', 'following', 'all']);
      if (!chosen) return false;
      scope = chosen;
    }
    if (t.recurring && scope === 'all' && ('start' in changes || 'end' in changes || 'allDay' in changes)) {
      const s = await api.calendar.getEvent({ eventId: t.eventId });
      const times = timesForScope('all', d, { start: fields.start, end: fields.end, allDay: fields.allDay }, s);
      Object.assign(changes, { start: times.start, end: times.end, allDay: times.allDay });
    }
    await api.calendar.updateEvent({ eventId: t.eventId, ...(t.recurring ? { instanceStart: t.instanceStart } : {}), scope, changes, ...(moveTo !== undefined ? { calendarId: moveTo } : {}) });
    return true;
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form || readOnly) return;
    const v = validateForm(form);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setProblem(null);
    setBusy(true);
    try {
      let done = true;
      if (target.kind === 'new') await api.calendar.createEvent({ ...v.fields, calendarId: v.calendarId });
      else if (detail) done = await update(detail, target.target, v.fields, v.calendarId);
      if (done) onClose();
    } catch (err) {
      setProblem(describeError(err, 'save the event'));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (target.kind !== 'edit') return;
    setBusy(true);
    const deleted = await onDelete({ ...target.target, title: form?.title || target.target.title });
    setBusy(false);
    if (deleted) onClose();
  };

  const patch = (p: Partial<EventForm>) => setForm((f) => (f ? { ...f, ...p } : f));
  const title = target.kind === 'new' ? 'New event' : readOnly ? 'Event (read-only calendar)' : 'Edit event';
  return (
    <div className="overlay" onMouseDown={() => !busy && onClose()}>
      <div className="dialog event-dialog" role="dialog" aria-modal="true" aria-labelledby="event-dialog-title" data-testid="event-dialog" onMouseDown={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2 id="event-dialog-title">{title}</h2>
          {detail?.syncState === 'pending' && <span className="pill pill-warn" title="Saved here; it goes to the server when the connection allows">Not yet on the server</span>}
          {detail?.syncState === 'conflict' && <span className="pill pill-warn">Changed on the server too</span>}
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose} disabled={busy}><Icon name="close" size={16} /></button>
        </header>
        {!form ? (
          <div className="dialog-body">
            {problem ? <div className="field-error" role="alert">{problem.message} {problem.hint}</div> : <p className="muted"><span className="spinner" aria-hidden="true" /> Opening the event…</p>}
          </div>
        ) : (
          <form className="dialog-body" onSubmit={(e) => void save(e)} aria-busy={busy}>
            {detail?.organizer && <p className="muted small" data-testid="event-organizer">Organized by {detail.organizer.name || detail.organizer.email}</p>}
            <fieldset className="event-fieldset" disabled={readOnly || busy}>
              <EventFields form={form} errors={errors} calendars={choices} onChange={patch} />
              <RepeatField value={form.recurrence} startDate={form.startDate} errors={errors} onChange={(recurrence) => patch({ recurrence })} />
              <PeopleField attendees={form.attendees} known={detail?.attendees ?? []} errors={errors} onChange={(attendees) => patch({ attendees })} />
              <RemindersField alarms={form.alarms} errors={errors} onChange={(alarms) => patch({ alarms })} />
            </fieldset>
            {problem && <div className="field-error" role="alert" data-testid="event-save-error"><div><div>{problem.message}</div>{problem.hint && <div className="muted">{problem.hint}</div>}</div></div>}
            <footer className="dialog-footer">
              {target.kind === 'edit' && !readOnly && <button type="button" className="button danger-outline event-delete" data-testid="event-delete" disabled={busy} onClick={() => void remove()}>Delete</button>}
              <button type="button" className="button ghost" onClick={onClose} disabled={busy}>{readOnly ? 'Close' : 'Cancel'}</button>
              {!readOnly && <button type="submit" className="button primary" data-testid="event-save" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>}
            </footer>
          </form>
        )}
      </div>
    </div>
  );
}
