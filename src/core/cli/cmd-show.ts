import type { Message } from '../../shared/api/mail';
import type { Command } from './command';
import { formatAddress, formatBytes, formatDate, terminalSafe } from './format';
import { UsageError, writeJson, type CliIo } from './io';

function parseId(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(`Expected a ${what} id (a positive number), got ${raw === undefined ? 'nothing' : `"${raw}"`}.`, `Find ids with \`pmsync list\` or \`pmsync search\`.`);
  }
  return id;
}

function printMessage(io: CliIo, m: Message): void {
  const line = (label: string, value: string) => io.stdout.write(`${label.padEnd(12)}${terminalSafe(value)}\n`);
  line('From:', formatAddress(m.from));
  if (m.to.length) line('To:', m.to.map(formatAddress).join(', '));
  if (m.cc.length) line('Cc:', m.cc.map(formatAddress).join(', '));
  line('Date:', formatDate(m.date));
  line('Subject:', m.subject);
  line('Message-ID:', `<${m.messageId}>`);
  line('Id:', `${m.id} (thread ${m.threadId})`);
  io.stdout.write('\n');
  const body = m.bodyText.trim() === '' && m.bodyHtml ? '(HTML only; open it in PMSync to read it)' : m.bodyText;
  io.stdout.write(`${terminalSafe(body, true).replace(/\s+$/, '')}\n`);
  if (m.attachments.length) {
    io.stdout.write(`\nAttachments (${m.attachments.length}):\n`);
    for (const a of m.attachments) {
      io.stdout.write(`  ${terminalSafe(a.filename)}  ${a.contentType}  ${formatBytes(a.size)}${a.inline ? '  (inline)' : ''}\n`);
    }
  }
}

export const showCommand: Command = {
  name: 'show',
  usage: 'show ID [--thread] [--json]',
  summary: 'Show a message (headers, text, attachments); with --thread, ID is a thread id',
  options: { thread: { type: 'boolean' } },
  async run(session, { positionals, values, json }, io) {
    if (positionals.length !== 1) throw new UsageError('Give exactly one id: pmsync show ID.');
    const asThread = values.thread === true;
    const id = parseId(positionals[0], asThread ? 'thread' : 'message');
    if (asThread) {
      const thread = await session.withClient((client) => client.api.mail.getThread({ threadId: id }));
      if (json) {
        writeJson(io, thread);
        return 0;
      }
      thread.messages.forEach((m, i) => {
        if (i > 0) io.stdout.write(`\n${'─'.repeat(60)}\n\n`);
        printMessage(io, m);
      });
      return 0;
    }
    const message = await session.withClient((client) => client.api.mail.getMessage({ id }));
    if (json) {
      writeJson(io, message);
      return 0;
    }
    printMessage(io, message);
    return 0;
  },
};
