import { stringOption, type Command, type OptionValues } from './command';
import { findFolder } from './find-folder';
import { fit, formatDate, terminalSafe } from './format';
import { UsageError, writeJson } from './io';

export function limitOption(values: OptionValues, fallback: number): number {
  const raw = stringOption(values, 'limit');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, not "${raw}".`);
  return n;
}

export const listCommand: Command = {
  name: 'list',
  usage: 'list [--folder NAME] [--limit N] [--json]',
  summary: 'List the newest threads of a folder (by path, role or id; default Inbox)',
  options: { folder: { type: 'string' }, limit: { type: 'string' } },
  async run(session, { values, positionals, json }, io) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`, 'Name the folder with --folder NAME.');
    const wanted = stringOption(values, 'folder') ?? 'inbox';
    const limit = limitOption(values, 50);
    const { folder, page } = await session.withClient(async (client) => {
      const f = findFolder(await client.api.mail.listFolders(), wanted);
      return { folder: f, page: await client.api.mail.listThreads({ folderId: f.id, limit }) };
    });
    if (json) {
      writeJson(io, { folder, total: page.total, items: page.items });
      return 0;
    }
    io.stdout.write(`${terminalSafe(folder.path)}: ${page.total} thread${page.total === 1 ? '' : 's'}${page.total > page.items.length ? `, newest ${page.items.length} shown` : ''}\n`);
    for (const t of page.items) {
      const mark = `${t.unreadCount > 0 ? '*' : ' '}${t.flagged ? '!' : ' '}`;
      const count = t.messageCount > 1 ? ` (${t.messageCount})` : '';
      io.stdout.write(`${mark} ${String(t.id).padStart(6)}  ${formatDate(t.lastDate)}  ${fit(terminalSafe(t.participants.join(', ')), 24)}  ${terminalSafe(t.subject)}${count}\n`);
    }
    return 0;
  },
};
