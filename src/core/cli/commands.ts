import { accountCommand } from './cmd-account';
import { contactsCommand } from './cmd-contacts';
import { demoCommand } from './cmd-demo';
import { doctorCommand } from './cmd-doctor';
import { foldersCommand } from './cmd-folders';
import { importCommand } from './cmd-import';
import { initCommand } from './cmd-init';
import { listCommand } from './cmd-list';
import { outboxCommand } from './cmd-outbox';
import { searchCommand } from './cmd-search';
import { sendCommand } from './cmd-send';
import { serveCommand } from './cmd-serve';
import { showCommand } from './cmd-show';
import { syncCommand } from './cmd-sync';
import { eventCommand } from './cmd-event';
import { eventsCommand } from './cmd-events';
import type { Command } from './command';

export const commands: Command[] = [initCommand, importCommand, foldersCommand, listCommand, showCommand, searchCommand, doctorCommand, serveCommand, demoCommand, accountCommand, syncCommand, sendCommand, outboxCommand, contactsCommand, eventsCommand, eventCommand];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

export function helpText(version: string): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    `pmsync ${version}: local-first mail, in an encrypted profile`,
    '',
    'Usage: pmsync [--profile DIR] COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show this help`,
    '',
    'Options:',
    '  --profile DIR   Profile folder (default: $PMSYNC_PROFILE, else your data folder)',
    '  --json          Machine-readable output: one JSON document on stdout',
    '  --version       Print the version',
    '',
    'The passphrase comes from $PMSYNC_PASSPHRASE, or is asked for at a terminal.',
    '',
  ].join('\n');
}
