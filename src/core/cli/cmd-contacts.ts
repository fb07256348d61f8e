import { limitOption } from './cmd-list';
import { stringOption, type Command } from './command';
import { fit, terminalSafe } from './format';
import { UsageError, writeJson } from './io';

/** `pmsync contacts` lists everyone A–Z; `pmsync contacts search Q` is the same instant search the app uses. */
export const contactsCommand: Command = {
  name: 'contacts',
  usage: 'contacts [search QUERY...] [--group NAME] [--limit N] [--json]',
  summary: 'List or search contacts (names, emails, phones, organization, notes; prefix match)',
  options: { limit: { type: 'string' }, group: { type: 'string' } },
  async run(session, { positionals, values, json }, io) {
    const [verb, ...rest] = positionals;
    if (verb !== undefined && verb !== 'search') {
      throw new UsageError(`Unknown contacts command "${verb}".`, 'Use `pmsync contacts` to list them all, or `pmsync contacts search QUERY`.');
    }
    const query = rest.join(' ').trim();
    if (verb === 'search' && query === '') throw new UsageError('Give something to search for: pmsync contacts search QUERY.');
    const limit = limitOption(values, verb === 'search' ? 20 : 500);
    const group = stringOption(values, 'group');
    const result = await session.withClient((client) => client.api.contacts.search({ query, limit, ...(group === undefined ? {} : { group }) }));
    if (json) {
      writeJson(io, result);
      return 0;
    }
    const shown = result.total > result.items.length ? `, first ${result.items.length} shown` : '';
    io.stdout.write(`${result.total} contact${result.total === 1 ? '' : 's'}${shown}\n`);
    for (const c of result.items) {
      const line = `${String(c.id).padStart(6)}  ${fit(terminalSafe(c.fullName), 30)}  ${fit(terminalSafe(c.emails[0] ?? ''), 34)}  ${terminalSafe(c.organization)}`;
      io.stdout.write(`${line.trimEnd()}\n`);
    }
    return 0;
  },
};
