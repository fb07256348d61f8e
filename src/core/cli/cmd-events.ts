import type { Command } from './command';
import { stringOption } from './command';
import { optionalTime, positiveId } from './cmd-event-args';
import { fit, formatDate, terminalSafe } from './format';
import { UsageError, writeJson } from './io';

export const eventsCommand: Command = {
  name: 'events',
  usage: 'events --from DATE --to DATE [--calendar ID] [--json]',
  summary: 'List calendar events in a time range, recurring ones expanded',
  options: { from: { type: 'string' }, to: { type: 'string' }, calendar: { type: 'string' } },
  async run(session, { values, json }, io) {
    const from = optionalTime(values, 'from');
    const to = optionalTime(values, 'to');
    if (from === undefined || to === undefined) throw new UsageError('Give --from and --to.', 'For example: pmsync events --from 2027-01-01 --to 2027-02-01');
    if (to <= from) throw new UsageError('--to must be after --from.');
    const cal = stringOption(values, 'calendar');
    const calendarIds = cal === undefined ? undefined : [positiveId(cal, 'calendar')];
    const items = await session.withClient((client) => client.api.calendar.listEvents({ from, to, ...(calendarIds ? { calendarIds } : {}) }));
    if (json) {
      writeJson(io, items);
      return 0;
    }
    if (items.length === 0) {
      io.stdout.write('No events in that range.\n');
      return 0;
    }
    io.stdout.write(`${'ID'.padStart(5)}  ${fit('START', 17)}  ${fit('END', 17)}  ${fit('TITLE', 40)}  NOTES\n`);
    for (const e of items) {
      const when = (t: number) => (e.allDay ? new Date(t).toISOString().slice(0, 10) : formatDate(t));
      const notes = [e.recurring ? `instance ${new Date(e.instanceStart).toISOString()}` : '', e.conflict ? 'CONFLICT' : '', e.syncState !== 'synced' ? e.syncState : '', e.location ? `@ ${e.location}` : '']
        .filter(Boolean).join('  ');
      io.stdout.write(`${String(e.eventId).padStart(5)}  ${fit(when(e.start), 17)}  ${fit(when(e.end), 17)}  ${fit(terminalSafe(e.title || '(no title)'), 40)}  ${terminalSafe(notes)}\n`);
    }
    return 0;
  },
};
