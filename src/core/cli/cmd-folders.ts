import type { Command } from './command';
import { writeJson } from './io';
import { fit, terminalSafe } from './format';

export const foldersCommand: Command = {
  name: 'folders',
  usage: 'folders [--json]',
  summary: 'List folders with unread and total counts',
  options: {},
  async run(session, { json }, io) {
    const [accounts, folders] = await session.withClient(async (client) => Promise.all([client.api.mail.listAccounts(), client.api.mail.listFolders()]));
    if (json) {
      writeJson(io, folders);
      return 0;
    }
    if (folders.length === 0) {
      io.stdout.write('No folders yet. Import mail with `pmsync import FILE`.\n');
      return 0;
    }
    const accountName = new Map(accounts.map((a) => [a.id, a.name]));
    io.stdout.write(`${'ID'.padStart(5)}  ${fit('FOLDER', 32)}  ${fit('ROLE', 8)}  ${'UNREAD'.padStart(7)}  ${'TOTAL'.padStart(7)}  ACCOUNT\n`);
    for (const f of folders) {
      io.stdout.write(`${String(f.id).padStart(5)}  ${fit(terminalSafe(f.path), 32)}  ${fit(f.role ?? '', 8)}  ${String(f.unreadCount).padStart(7)}  ${String(f.totalCount).padStart(7)}  ${terminalSafe(accountName.get(f.accountId) ?? '')}\n`);
    }
    return 0;
  },
};
