import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PmsyncError } from '../../shared/errors';
import { CORE_VERSION } from '../services/profile-service';
import { findCommand, helpText } from './commands';
import { UsageError, type CliIo } from './io';
import { defaultProfileDir } from './profile-dir';
import { CliSession } from './session';

const globalOptions = {
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** The first argument that is not an option (or the value of --profile) names the command. */
function splitCommand(argv: string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--profile') {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return { name: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: argv };
}

export interface CliLocations {
  /** Folder of the bundled CLI (out/core), where parse-worker.cjs lives and ../renderer is. */
  bundleDir: string;
}

function fail(io: CliIo, message: string, hint?: string): void {
  io.stderr.write(`pmsync: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (hint) io.stderr.write(`hint: ${hint}\n`);
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failure, 2 usage error. */
export async function runCli(argv: string[], io: CliIo, where: CliLocations): Promise<number> {
  try {
    const { name, rest } = splitCommand(argv);
    if (name === undefined || name === 'help') {
      const { values } = parseArgs({ args: rest, options: globalOptions, allowPositionals: true, strict: true });
      if (values.version) {
        io.stdout.write(`${CORE_VERSION}\n`);
        return 0;
      }
      // Asked for help: stdout, exit 0. Gave no command at all: a usage error, so stderr and 2.
      const asked = name === 'help' || values.help === true;
      (asked ? io.stdout : io.stderr).write(helpText(CORE_VERSION));
      return asked ? 0 : 2;
    }
    const command = findCommand(name);
    if (!command) throw new UsageError(`Unknown command "${name}".`, 'Run `pmsync --help` to see the commands.');
    const { values, positionals } = parseArgs({ args: rest, options: { ...globalOptions, ...command.options }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout.write(`Usage: pmsync ${command.usage}\n${command.summary}.\n`);
      return 0;
    }
    const profileDir = typeof values.profile === 'string' ? path.resolve(values.profile) : defaultProfileDir(io.env);
    const workerScript = path.join(where.bundleDir, 'parse-worker.cjs');
    const session = new CliSession({
      profileDir,
      // Absent when running from sources: ImportService then parses in-thread.
      workerScript: existsSync(workerScript) ? workerScript : undefined,
      staticDir: path.join(where.bundleDir, '..', 'renderer'),
    }, io);
    return await command.run(session, { positionals, values, json: values.json === true }, io);
  } catch (err) {
    if (err instanceof UsageError) {
      fail(io, err.message, err.hint ?? 'Run `pmsync --help` for usage.');
      return 2;
    }
    if (err instanceof TypeError && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
      fail(io, err.message, 'Run `pmsync --help` for usage.');
      return 2;
    }
    if (err instanceof PmsyncError) {
      fail(io, err.message, err.hint);
      return 1;
    }
    fail(io, err instanceof Error ? `Unexpected error: ${err.message}` : `Unexpected error: ${String(err)}`, 'If this keeps happening, report it with the command you ran.');
    return 1;
  }
}
