import type { EventFields } from '../../shared/api/calendar';
import type { Command, OptionValues } from './command';
import { stringOption } from './command';
import { optionalTime, positiveId, scopeOption } from './cmd-event-args';
import { formatDate, terminalSafe } from './format';
import { UsageError, writeJson, type CliIo } from './io';

function changesFrom(values: OptionValues): Partial<EventFields> {
  const allDay = values['all-day'] === true ? true : undefined;
  const changes: Partial<EventFields> = {};
  const title = stringOption(values, 'title');
  const location = stringOption(values, 'location');
  const rrule = stringOption(values, 'rrule');
  const start = optionalTime(values, 'start', allDay);
  const end = optionalTime(values, 'end', allDay);
  if (title !== undefined) changes.title = title;
  if (location !== undefined) changes.location = location;
  if (rrule !== undefined) changes.rrule = rrule === '' || rrule === 'none' ? null : rrule;
  if (start !== undefined) changes.start = start;
  if (end !== undefined) changes.end = end;
  if (allDay) changes.allDay = true;
  return changes;
}

function printed(io: CliIo, json: boolean, detail: { id: number; title: string; start: number; end: number; allDay: boolean; syncState: string }, verb: string): void {
  if (json) {
    writeJson(io, detail);
    return;
  }
  const when = detail.allDay ? new Date(detail.start).toISOString().slice(0, 10) : formatDate(detail.start);
  io.stdout.write(`${verb} event ${detail.id}: ${terminalSafe(detail.title)} (${when})${detail.syncState === 'pending' ? ' — queued for the server; `pmsync sync` sends it now' : ''}.\n`);
}

export const eventCommand: Command = {
  name: 'event',
  usage: 'event add --calendar ID --title T --start ISO --end ISO [--all-day] [--rrule R] [--location L] | update ID [--instance ISO] [--scope this|following|all] [--title T --start ISO --end ISO --location L --rrule R] | delete ID [--instance ISO] [--scope …]',
  summary: 'Create, change or delete a calendar event (one occurrence, this and following, or the series)',
  options: {
    calendar: { type: 'string' }, title: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, 'all-day': { type: 'boolean' },
    rrule: { type: 'string' }, location: { type: 'string' }, instance: { type: 'string' }, scope: { type: 'string' },
  },
  async run(session, { positionals, values, json }, io) {
    const [verb, idRaw] = positionals;
    if (verb === 'add') {
      const calendarId = positiveId(stringOption(values, 'calendar'), 'calendar');
      const c = changesFrom(values);
      if (c.title === undefined || c.start === undefined) throw new UsageError('Give at least --title and --start.', 'For example: pmsync event add --calendar 3 --title Lunch --start 2027-01-05T12:00 --end 2027-01-05T13:00');
      const allDay = c.allDay === true;
      const end = c.end ?? (allDay ? c.start + 86_400_000 : c.start + 3_600_000);
      const detail = await session.withClient((client) => client.api.calendar.createEvent({
        calendarId, title: c.title ?? '', start: c.start ?? 0, end, allDay, ...(c.location ? { location: c.location } : {}), ...(c.rrule ? { rrule: c.rrule } : {}),
      }));
      printed(io, json, detail, 'Created');
      return 0;
    }
    if (verb === 'update' || verb === 'delete') {
      const eventId = positiveId(idRaw, 'event');
      const instanceStart = optionalTime(values, 'instance');
      const scope = scopeOption(values);
      if (verb === 'delete') {
        await session.withClient((client) => client.api.calendar.deleteEvent({ eventId, scope, ...(instanceStart !== undefined ? { instanceStart } : {}) }));
        if (json) writeJson(io, { ok: true });
        else io.stdout.write(`Deleted ${instanceStart === undefined || scope === 'all' ? 'the event' : scope === 'this' ? 'that occurrence' : 'that occurrence and the following ones'} (event ${eventId}).\n`);
        return 0;
      }
      const changes = changesFrom(values);
      if (Object.keys(changes).length === 0) throw new UsageError('Nothing to change.', 'Give --title, --start, --end, --location or --rrule.');
      const detail = await session.withClient((client) => client.api.calendar.updateEvent({ eventId, scope, changes, ...(instanceStart !== undefined ? { instanceStart } : {}) }));
      printed(io, json, detail, 'Updated');
      return 0;
    }
    throw new UsageError(`Unknown event action "${verb ?? ''}".`, 'Use `pmsync event add|update|delete`.');
  },
};
