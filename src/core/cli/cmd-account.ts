import { addImapAccount, accountAddOptions } from './cmd-account-add';
import { addDavAccount, davAccountLabel } from './cmd-account-dav';
import type { Command } from './command';
import { UsageError, writeJson } from './io';
import { fit, formatDate, terminalSafe } from './format';

function accountId(raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || n < 1) throw new UsageError(`Give the account's number (see \`pmsync account list\`), not "${raw ?? ''}".`);
  return n;
}

export const accountCommand: Command = {
  name: 'account',
  usage: 'account add imap --email E --password-env VAR [--imap-host H --imap-port P --smtp-host H --smtp-port P] [--user U] [--tls implicit|starttls|none] [--ca FILE] | add dav --url URL --user U --password-env VAR [--name N] | list [--json] | remove ID',
  summary: 'Add (after checking the login), list or remove mail and CalDAV/CardDAV accounts',
  options: { ...accountAddOptions, url: { type: 'string' } },
  async run(session, args, io) {
    const [verb] = args.positionals;
    if (verb === 'add' && args.positionals[1] === 'dav') return addDavAccount(session, args, io);
    if (verb === 'add') return addImapAccount(session, args, io);
    if (verb === 'list') {
      const [accounts, status, dav] = await session.withClient((client) => Promise.all([client.api.mail.listAccounts(), client.api.sync.status(), client.api.accounts.listDav()]));
      const byId = new Map(status.map((s) => [s.accountId, s]));
      if (args.json) {
        writeJson(io, [
          ...accounts.map((a) => ({ ...a, lastSyncAt: byId.get(a.id)?.lastSyncAt ?? null })),
          ...dav.map((a) => ({ ...a, kind: 'dav', email: null, lastSyncAt: byId.get(a.id)?.lastSyncAt ?? null })),
        ]);
        return 0;
      }
      if (accounts.length === 0 && dav.length === 0) {
        io.stdout.write('No accounts yet. Add one with `pmsync account add imap --email ADDRESS --password-env VAR`.\n');
        return 0;
      }
      io.stdout.write(`${'ID'.padStart(4)}  ${fit('KIND', 5)}  ${fit('ADDRESS', 36)}  LAST SYNC\n`);
      for (const a of accounts) {
        const last = byId.get(a.id)?.lastSyncAt;
        const when = a.kind === 'local' ? '' : last ? formatDate(last) : 'never';
        io.stdout.write(`${String(a.id).padStart(4)}  ${fit(a.kind, 5)}  ${fit(terminalSafe(a.email ?? a.name), 36)}  ${when}\n`);
      }
      for (const a of dav) {
        const last = byId.get(a.id)?.lastSyncAt;
        io.stdout.write(`${String(a.id).padStart(4)}  ${fit('dav', 5)}  ${fit(terminalSafe(davAccountLabel(a)), 36)}  ${last ? formatDate(last) : 'never'}\n`);
      }
      return 0;
    }
    if (verb === 'remove') {
      const id = accountId(args.positionals[1]);
      await session.withClient((client) => client.api.accounts.remove({ accountId: id }));
      if (args.json) writeJson(io, { ok: true });
      else io.stdout.write(`Removed account ${id} and all of its mail from this profile (the server was not touched).\n`);
      return 0;
    }
    throw new UsageError(`Unknown account action "${verb ?? ''}".`, 'Use `pmsync account add|list|remove`.');
  },
};
