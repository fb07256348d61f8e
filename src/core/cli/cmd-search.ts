import type { Command } from './command';
import { limitOption } from './cmd-list';
import { fit, formatAddress, formatDate, terminalSafe } from './format';
import { UsageError, writeJson } from './io';

/** The store marks matched terms with \u0002…\u0003; a terminal shows them bold, a pipe plain. */
function markMatches(snippet: string, tty: boolean): string {
  const [open, close] = tty ? ['\x1b[1m', '\x1b[22m'] : ['', ''];
  // Split on the marks first, so cleaning the text of control characters cannot touch them.
  return snippet
    .split('\u0002')
    .map((part, i) => {
      if (i === 0) return terminalSafe(part);
      const [matched = '', rest = ''] = part.split('\u0003', 2);
      return `${open}${terminalSafe(matched)}${close}${terminalSafe(rest)}`;
    })
    .join('');
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY... [--limit N] [--json]',
  summary: 'Full-text search (from: to: subject: in: is:unread has:attachment before: after:)',
  options: { limit: { type: 'string' } },
  async run(session, { positionals, values, json }, io) {
    const query = positionals.join(' ').trim();
    if (query === '') throw new UsageError('Give something to search for: pmsync search QUERY.');
    const limit = limitOption(values, 20);
    const result = await session.withClient((client) => client.api.mail.search({ query, limit }));
    if (json) {
      writeJson(io, result);
      return 0;
    }
    io.stdout.write(`${result.total} match${result.total === 1 ? '' : 'es'}${result.total > result.items.length ? `, newest ${result.items.length} shown` : ''}\n`);
    const tty = io.stdout.isTTY === true;
    for (const hit of result.items) {
      io.stdout.write(`${String(hit.id).padStart(6)}  ${formatDate(hit.date)}  ${fit(terminalSafe(formatAddress(hit.from)), 28)}  ${terminalSafe(hit.subject)}\n`);
      if (hit.snippet) io.stdout.write(`        ${markMatches(hit.snippet, tty)}\n`);
    }
    return 0;
  },
};
