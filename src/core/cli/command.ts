import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';
import type { CliSession } from './session';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandArgs {
  positionals: string[];
  values: OptionValues;
  /** --json was given: print one JSON document on stdout and nothing else there. */
  json: boolean;
}

/** One `pmsync` subcommand. Returns the exit code. */
export interface Command {
  name: string;
  /** e.g. "list [--folder NAME] [--limit N]" */
  usage: string;
  summary: string;
  options: OptionSpec;
  run(session: CliSession, args: CommandArgs, io: CliIo): Promise<number>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
