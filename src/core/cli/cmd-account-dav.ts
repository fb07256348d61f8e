import type { DavAccount } from '../../shared/api/accounts';
import type { ConnectedClient } from '../../shared/api/client';
import { stringOption, type CommandArgs } from './command';
import { fit, terminalSafe } from './format';
import { UsageError, writeJson, type CliIo } from './io';
import type { CliSession } from './session';

/** `account add dav --url URL --user U --password-env VAR [--name N]`: discovers, checks the login, lists what it found. */
export async function addDavAccount(session: CliSession, { values, json }: CommandArgs, io: CliIo): Promise<number> {
  const url = stringOption(values, 'url');
  if (!url) throw new UsageError('--url is required: the CalDAV/CardDAV server (e.g. https://dav.example.com/).');
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url "${url}" is not a URL.`, 'Give the full address, e.g. https://dav.example.com/.');
  }
  const user = stringOption(values, 'user');
  if (!user) throw new UsageError('--user is required: the user name on the DAV server.');
  const passwordVar = stringOption(values, 'password-env');
  if (!passwordVar) throw new UsageError('--password-env VAR is required: the name of the environment variable that holds the password.', 'A password on the command line would end up in your shell history.');
  const password = io.env[passwordVar];
  if (!password) throw new UsageError(`The environment variable ${passwordVar} is empty or not set.`, `Set it first, e.g. read -s ${passwordVar}; export ${passwordVar}.`);
  const result = await session.withClient(async (client: ConnectedClient) => {
    const account = await client.api.accounts.addDav({ url, user, password, name: stringOption(values, 'name') });
    const [calendars, addressBooks] = await Promise.all([client.api.calendar.listCalendars(), client.api.contacts.listAddressBooks()]);
    return { account, calendars: calendars.filter((c) => c.accountId === account.id), addressBooks: addressBooks.filter((b) => b.accountId === account.id) };
  });
  if (json) {
    writeJson(io, result);
    return 0;
  }
  const { account, calendars, addressBooks } = result;
  io.stdout.write(`Added DAV account ${account.id}: ${terminalSafe(account.name)}.\n`);
  io.stdout.write(`Calendars (${calendars.length}):\n`);
  for (const c of calendars) {
    io.stdout.write(`  ${fit(terminalSafe(c.name), 30)}  ${fit(c.color || '-', 9)}  ${c.readOnly ? 'read-only' : 'read-write'}  ${c.components.join(',')}\n`);
  }
  io.stdout.write(`Address books (${addressBooks.length}):\n`);
  for (const b of addressBooks) io.stdout.write(`  ${fit(terminalSafe(b.name), 30)}  ${b.readOnly ? 'read-only' : 'read-write'}\n`);
  io.stdout.write('Run `pmsync sync --once` to download them.\n');
  return 0;
}

/** How a DAV account shows in `account list`. */
export function davAccountLabel(a: DavAccount): string {
  let host = a.url;
  try {
    host = new URL(a.url).host;
  } catch {
    // keep the raw text
  }
  return `${a.user}@${host}`;
}
