import { useMemo } from 'react';
import type { Calendar } from '../../../shared/api/calendar';
import type { EventForm, FormErrors, FormField } from './event-form';

export function FieldProblem({ errors, field }: { errors: FormErrors; field: FormField }) {
  const text = errors[field];
  if (!text) return null;
  return <div className="field-error" role="alert" data-testid={`event-error-${field}`}>{text}</div>;
}

function zoneNames(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

interface Props {
  form: EventForm;
  errors: FormErrors;
  calendars: Calendar[];
  onChange(patch: Partial<EventForm>): void;
}

/** Title, calendar, when (all-day, dates, times, zone), where and notes. */
export function EventFields({ form, errors, calendars, onChange }: Props) {
  const zones = useMemo(zoneNames, []);
  return (
    <>
      <label className="field">
        <span>Title</span>
        <input data-testid="event-title" value={form.title} placeholder="(No title)" maxLength={1000} autoFocus onChange={(e) => onChange({ title: e.target.value })} />
      </label>
      <FieldProblem errors={errors} field="title" />
      <label className="field">
        <span>Calendar</span>
        <select data-testid="event-calendar" value={form.calendarId ?? ''} aria-invalid={!!errors.calendar || undefined} onChange={(e) => onChange({ calendarId: e.target.value ? Number(e.target.value) : null })}>
          {form.calendarId === null && <option value="">Choose a calendar…</option>}
          {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <FieldProblem errors={errors} field="calendar" />
      <label className="check-row">
        <input type="checkbox" data-testid="event-all-day" checked={form.allDay} onChange={(e) => onChange({ allDay: e.target.checked })} />
        <span>All day</span>
      </label>
      <div className="event-when">
        <label className="field">
          <span>Starts</span>
          <span className="event-when-inputs">
            <input type="date" data-testid="event-start-date" value={form.startDate} aria-invalid={!!errors.start || undefined} onChange={(e) => onChange({ startDate: e.target.value })} />
            {!form.allDay && <input type="time" data-testid="event-start-time" aria-label="Start time" value={form.startTime} aria-invalid={!!errors.start || undefined} onChange={(e) => onChange({ startTime: e.target.value })} />}
          </span>
        </label>
        <label className="field">
          <span>Ends</span>
          <span className="event-when-inputs">
            <input type="date" data-testid="event-end-date" value={form.endDate} aria-invalid={!!errors.end || undefined} onChange={(e) => onChange({ endDate: e.target.value })} />
            {!form.allDay && <input type="time" data-testid="event-end-time" aria-label="End time" value={form.endTime} aria-invalid={!!errors.end || undefined} onChange={(e) => onChange({ endTime: e.target.value })} />}
          </span>
        </label>
      </div>
      <FieldProblem errors={errors} field="start" />
      <FieldProblem errors={errors} field="end" />
      {!form.allDay && (
        <label className="field">
          <span>Time zone</span>
          <input data-testid="event-time-zone" list="pm-time-zones" value={form.timeZone} spellCheck={false} aria-invalid={!!errors.timeZone || undefined} onChange={(e) => onChange({ timeZone: e.target.value })} />
          <datalist id="pm-time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
        </label>
      )}
      <FieldProblem errors={errors} field="timeZone" />
      <label className="field">
        <span>Location</span>
        <input data-testid="event-location" value={form.location} maxLength={2000} onChange={(e) => onChange({ location: e.target.value })} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea data-testid="event-description" rows={3} value={form.description} onChange={(e) => onChange({ description: e.target.value })} />
      </label>
    </>
  );
}
