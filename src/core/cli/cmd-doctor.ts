import type { Command } from './command';
import { writeJson } from './io';

export const doctorCommand: Command = {
  name: 'doctor',
  usage: 'doctor [--json]',
  summary: 'Check the profile database (integrity, search index); exit 1 if anything is wrong',
  options: {},
  async run(session, { json }, io) {
    const { report, info } = await session.withClient(async (client) => ({
      report: await client.api.app.doctor(),
      info: await client.api.app.info(),
    }));
    if (json) {
      writeJson(io, report);
      return report.ok ? 0 : 1;
    }
    io.stdout.write(`Profile:   ${info.profileDir}\n`);
    io.stdout.write(`Cipher:    ${report.cipher}, key from ${info.keySource}\n`);
    io.stdout.write(`Schema:    version ${report.schemaVersion}\n`);
    io.stdout.write(`Messages:  ${report.messages} (search index rows: ${report.ftsRows})\n`);
    io.stdout.write(`Integrity: ${report.integrity.join('; ') || '(no result)'}\n`);
    io.stdout.write(report.ok ? 'All checks passed.\n' : 'Problems found: back up the profile folder before changing anything, then report this output.\n');
    return report.ok ? 0 : 1;
  },
};
