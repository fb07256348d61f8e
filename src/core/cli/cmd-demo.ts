import { seedDemoProfile } from '../demo/seed-demo-profile';
import type { Command } from './command';
import { stringOption } from './command';
import { importProgressPrinter } from './import-progress';
import { UsageError, writeJson } from './io';

export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo [--count N] [--json]',
  summary: 'Fill the profile with a generated demo mailbox (used by `npm run demo`)',
  options: { count: { type: 'string' } },
  async run(session, { values, json }, io) {
    const raw = stringOption(values, 'count');
    const count = raw === undefined ? undefined : Number(raw);
    if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 100_000)) {
      throw new UsageError(`--count must be a whole number from 1 to 100000, not "${raw}".`);
    }
    const progress = importProgressPrinter(io);
    const result = await session.withClient(async (client) => {
      const off = client.on('mail.importProgress', (p) => progress.update(p));
      try {
        // Through the API, like every other import: the demo exercises the user's path.
        return await seedDemoProfile({ importFiles: (paths, opts) => client.api.mail.importFiles({ paths, ...opts }) }, count === undefined ? {} : { count });
      } finally {
        off();
        progress.finish();
      }
    });
    if (json) writeJson(io, result);
    else io.stdout.write(`Demo mailbox: imported ${result.imported} messages into ${Object.keys(result.folders).join(', ')}${result.failed.length ? `; ${result.failed.length} failed` : ''}.\n`);
    return result.failed.length > 0 && result.imported === 0 ? 1 : 0;
  },
};
