import { readFileSync } from 'node:fs';
import { TlsMode, type AddImapAccountInput, type ServerSettings } from '../../shared/api/accounts';
import type { ConnectedClient } from '../../shared/api/client';
import { stringOption, type CommandArgs } from './command';
import { UsageError, writeJson, type CliIo } from './io';
import { terminalSafe } from './format';
import type { CliSession } from './session';

export const accountAddOptions = {
  email: { type: 'string' }, name: { type: 'string' }, user: { type: 'string' },
  'imap-host': { type: 'string' }, 'imap-port': { type: 'string' },
  'smtp-host': { type: 'string' }, 'smtp-port': { type: 'string' },
  'password-env': { type: 'string' }, tls: { type: 'string' }, ca: { type: 'string' },
} as const;

function port(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number from 1 to 65535, not "${raw}".`);
  return n;
}

function tlsFor(explicit: TlsMode | undefined, portNumber: number, implicitPort: number): TlsMode {
  if (explicit === 'none') return 'none';
  if (explicit === 'implicit' && portNumber !== 587) return 'implicit';
  if (explicit === 'starttls') return 'starttls';
  return portNumber === implicitPort ? 'implicit' : 'starttls';
}

/** `account add imap …`: servers from the flags, the rest guessed from the address. */
export async function addImapAccount(session: CliSession, { positionals, values, json }: CommandArgs, io: CliIo): Promise<number> {
  if (positionals[1] !== 'imap') throw new UsageError('Only IMAP accounts can be added: `pmsync account add imap --email ADDRESS …`.');
  const email = stringOption(values, 'email');
  if (!email) throw new UsageError('--email is required.');
  const passwordVar = stringOption(values, 'password-env');
  if (!passwordVar) throw new UsageError('--password-env VAR is required: the name of the environment variable that holds the password.', 'A password on the command line would end up in your shell history.');
  const password = io.env[passwordVar];
  if (!password) throw new UsageError(`The environment variable ${passwordVar} is empty or not set.`, `Set it first, e.g. read -s ${passwordVar}; export ${passwordVar}.`);
  const tlsRaw = stringOption(values, 'tls');
  const tlsParsed = tlsRaw === undefined ? undefined : TlsMode.safeParse(tlsRaw);
  if (tlsParsed && !tlsParsed.success) throw new UsageError(`--tls must be implicit, starttls or none, not "${tlsRaw}".`);
  const tls = tlsParsed?.data;
  const caFile = stringOption(values, 'ca');
  let caPem: string | undefined;
  if (caFile) {
    try {
      caPem = readFileSync(caFile, 'utf8');
    } catch (err) {
      throw new UsageError(`--ca ${caFile} cannot be read: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }
  const imapPort = port(stringOption(values, 'imap-port'), '--imap-port');
  const smtpPort = port(stringOption(values, 'smtp-port'), '--smtp-port');
  const account = await session.withClient(async (client: ConnectedClient) => {
    const needGuess = !stringOption(values, 'imap-host') || !stringOption(values, 'smtp-host');
    const guess = needGuess ? await client.api.accounts.guessSettings({ email }) : undefined;
    const server = (host: string | undefined, p: number | undefined, fallback: ServerSettings | undefined, implicitPort: number, defaultPort: number): ServerSettings => {
      const h = host ?? fallback?.host;
      if (!h) throw new UsageError('Give --imap-host and --smtp-host.');
      const chosenPort = p ?? fallback?.port ?? defaultPort;
      return { host: h, port: chosenPort, tls: tls === undefined && fallback && !p ? fallback.tls : tlsFor(tls, chosenPort, implicitPort) };
    };
    const input: AddImapAccountInput = {
      email,
      name: stringOption(values, 'name'),
      imap: server(stringOption(values, 'imap-host'), imapPort, guess?.imap, 993, 993),
      smtp: server(stringOption(values, 'smtp-host'), smtpPort, guess?.smtp, 465, 587),
      user: stringOption(values, 'user') ?? guess?.user,
      password,
      caPem,
    };
    return client.api.accounts.addImap(input);
  });
  if (json) writeJson(io, account);
  else io.stdout.write(`Added account ${account.id}: ${terminalSafe(account.email ?? account.name)}. Run \`pmsync sync --once\` to fetch its mail.\n`);
  return 0;
}
