import path from 'node:path';
import { stringOption, type Command } from './command';
import { importProgressPrinter } from './import-progress';
import { terminalSafe } from './format';
import { UsageError, writeJson } from './io';

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE... [--folder NAME] [--json]',
  summary: 'Import .mbox and .eml files (an mbox goes to a folder named after it, .eml to Inbox)',
  options: { folder: { type: 'string' } },
  async run(session, { positionals, values, json }, io) {
    if (positionals.length === 0) throw new UsageError('Name at least one file: pmsync import FILE...');
    const paths = positionals.map((p) => path.resolve(p));
    const folder = stringOption(values, 'folder');
    const progress = importProgressPrinter(io);
    const { result, folderNames } = await session.withClient(async (client) => {
      const off = client.on('mail.importProgress', (p) => progress.update(p));
      try {
        const r = await client.api.mail.importFiles(folder === undefined ? { paths } : { paths, folder });
        const folders = await client.api.mail.listFolders();
        return { result: r, folderNames: folders.filter((f) => r.folderIds.includes(f.id)).map((f) => f.path) };
      } finally {
        off();
        progress.finish();
      }
    });
    const nothingWorked = result.imported === 0 && result.duplicates === 0 && result.failed.length > 0;
    if (json) {
      writeJson(io, result);
      return nothingWorked ? 1 : 0;
    }
    io.stdout.write(`Imported ${result.imported} message${result.imported === 1 ? '' : 's'}`);
    io.stdout.write(`${result.duplicates ? `, skipped ${result.duplicates} already present` : ''}`);
    io.stdout.write(`${folderNames.length ? ` into ${folderNames.join(', ')}` : ''}.\n`);
    if (result.failed.length) {
      io.stdout.write(`${result.failed.length} message${result.failed.length === 1 ? '' : 's'} could not be imported:\n`);
      for (const f of result.failed.slice(0, 50)) io.stdout.write(`  ${terminalSafe(f.file)} #${f.index}: ${terminalSafe(f.reason)}\n`);
      if (result.failed.length > 50) io.stdout.write(`  … and ${result.failed.length - 50} more (use --json for the full list)\n`);
    }
    return nothingWorked ? 1 : 0;
  },
};
