import type { Command } from './command';
import { UsageError, writeJson } from './io';

export const initCommand: Command = {
  name: 'init',
  usage: 'init [--json]',
  summary: 'Create a new encrypted profile (asks for a passphrase twice, or reads PMSYNC_PASSPHRASE)',
  options: {},
  async run(session, { positionals, json }, io) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`, 'Choose the folder with --profile DIR.');
    const core = await session.openCore('only', true);
    try {
      const account = core.store.ensureLocalAccount();
      if (json) writeJson(io, { profileDir: core.store.profileDir, schemaVersion: core.store.schemaVersion, localAccountId: account.id });
      else io.stdout.write(`Created an encrypted profile in ${core.store.profileDir}.\nNext: pmsync import FILE.mbox\n`);
    } finally {
      await core.close();
    }
    return 0;
  },
};
