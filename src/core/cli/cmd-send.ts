import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SendInput } from '../../shared/api/compose';
import { stringOption, type Command, type OptionValues } from './command';
import { UsageError, writeJson } from './io';
import { terminalSafe } from './format';

/** A repeatable option (`--to a --to b`); parseArgs gives an array for `multiple: true`. */
function listOption(values: OptionValues, name: string): string[] {
  const v = (values as Record<string, unknown>)[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

async function readText(file: string | undefined, what: string): Promise<string | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read the ${what} file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`, 'Check the path and its permissions.');
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf', '.txt': 'text/plain', '.html': 'text/html', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.zip': 'application/zip', '.csv': 'text/csv', '.json': 'application/json', '.ics': 'text/calendar',
};

export const sendCommand: Command = {
  name: 'send',
  usage: 'send --account ID --to A [--cc A] [--bcc A] [--subject S] [--body-file F] [--html-file F] [--attach FILE]... [--in-reply-to ID] [--at ISO-TIME]',
  summary: 'Queue a message in the outbox and send it now (or at --at); no undo delay on the command line',
  options: {
    account: { type: 'string' }, to: { type: 'string', multiple: true }, cc: { type: 'string', multiple: true }, bcc: { type: 'string', multiple: true },
    subject: { type: 'string' }, 'body-file': { type: 'string' }, 'html-file': { type: 'string' }, attach: { type: 'string', multiple: true },
    'in-reply-to': { type: 'string' }, at: { type: 'string' },
  },
  async run(session, { values, json }, io) {
    const accountId = Number(stringOption(values, 'account'));
    if (!Number.isInteger(accountId) || accountId <= 0) throw new UsageError('send needs --account ID.', 'Run `pmsync account list` to see the accounts.');
    const to = listOption(values, 'to');
    const cc = listOption(values, 'cc');
    const bcc = listOption(values, 'bcc');
    if (to.length + cc.length + bcc.length === 0) throw new UsageError('send needs at least one recipient (--to, --cc or --bcc).');
    const at = stringOption(values, 'at');
    const sendAt = at === undefined ? undefined : Date.parse(at);
    if (sendAt !== undefined && !Number.isFinite(sendAt)) throw new UsageError(`--at ${at} is not a date and time.`, 'Use ISO 8601, e.g. 2026-12-01T09:00:00+01:00.');
    const text = await readText(stringOption(values, 'body-file'), 'body');
    const html = await readText(stringOption(values, 'html-file'), 'HTML');
    const attachments = await Promise.all(listOption(values, 'attach').map(async (file) => {
      const data = await readFile(file).catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`Cannot read the attachment ${file}: ${err.code ?? String(err)}.`, 'Check the path and its permissions.');
      });
      return { filename: path.basename(file), contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', dataBase64: data.toString('base64') };
    }));
    const inReplyTo = stringOption(values, 'in-reply-to');
    const input: SendInput = {
      accountId, to, cc, bcc, subject: stringOption(values, 'subject') ?? '',
      ...(text !== undefined ? { text } : {}), ...(html !== undefined ? { html } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(inReplyTo ? { inReplyTo } : {}), ...(sendAt !== undefined ? { sendAt } : {}),
    };
    const core = await session.openCore();
    try {
      const outbox = core.outbox;
      if (!outbox) throw new UsageError('This profile cannot send mail (no IMAP accounts).');
      // The command line has no undo button: the message is due at once (or at --at).
      const queued = await outbox.send(input, { immediate: true });
      const scheduled = queued.undoUntil > Date.now();
      if (!scheduled) await core.tasks.drain({ timeoutMs: 120_000 });
      const row = outbox.list().find((r) => r.id === queued.outboxId);
      if (json) writeJson(io, { ...queued, state: row?.state, reason: row?.reason ?? null });
      else if (row?.state === 'sent') io.stdout.write(`Sent ${queued.messageId}\n`);
      else if (scheduled) io.stdout.write(`Scheduled for ${new Date(queued.undoUntil).toISOString()} (outbox ${queued.outboxId}); it goes out when PMSync runs then (\`pmsync sync --once\` or the app).\n`);
      else if (row?.state === 'failed') io.stderr.write(`pmsync: not sent: ${terminalSafe(row.reason ?? 'refused')}\nhint: the message is kept in the outbox (\`pmsync outbox\`).\n`);
      else io.stdout.write(`Queued in the outbox (${terminalSafe(row?.reason ?? 'waiting')}); \`pmsync sync --once\` sends it when the server is reachable.\n`);
      return row?.state === 'failed' ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};
