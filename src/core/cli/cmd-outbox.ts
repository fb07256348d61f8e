import type { Command } from './command';
import { writeJson } from './io';
import { fit, terminalSafe } from './format';

export const outboxCommand: Command = {
  name: 'outbox',
  usage: 'outbox [--json]',
  summary: 'List messages waiting to be sent, sent recently or failed, and why',
  options: {},
  async run(session, { json }, io) {
    const rows = await session.withClient((client) => client.api.compose.listOutbox());
    if (json) {
      writeJson(io, rows);
      return 0;
    }
    if (rows.length === 0) {
      io.stdout.write('The outbox is empty.\n');
      return 0;
    }
    io.stdout.write(`${'ID'.padStart(5)}  ${fit('STATE', 9)}  ${fit('DUE', 20)}  ${fit('SUBJECT', 30)}  ${fit('TO', 30)}  REASON\n`);
    for (const r of rows) {
      io.stdout.write(`${String(r.id).padStart(5)}  ${fit(r.state, 9)}  ${fit(new Date(r.dueAt).toISOString().slice(0, 19), 20)}  ${fit(terminalSafe(r.subject), 30)}  ${fit(terminalSafe(r.recipients.join(', ')), 30)}  ${terminalSafe(r.reason ?? '')}\n`);
    }
    return 0;
  },
};
