import type { EventPayload } from '../../../shared/api/index';
import type { IndexerFailures } from '../../store/dav-store';

const MAX_REASON = 200;

function reasonOf(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim().replace(/\.+$/, '');
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * One notice for all items of one collection an indexer could not take in during one store
 * write (one sync pass of that collection): a hostile or broken collection must not flood the user.
 */
export function indexerFailureNotice(f: IndexerFailures): EventPayload<'app.notice'> {
  const items = f.count === 1 ? '1 item' : `${f.count} items`;
  const where = `'${f.collection.name || (f.collection.kind === 'calendar' ? 'a calendar' : 'an address book')}'`;
  const app = f.collection.kind === 'calendar' ? 'Calendar' : 'Contacts';
  const first = `First problem: ${reasonOf(f.firstError)}.`;
  if (f.op === 'removed') {
    return {
      level: 'warning',
      message: `${items} removed from ${where} could not be taken out of ${app}; ${f.count === 1 ? 'it' : 'they'} may still show there.`,
      hint: `${first} If ${f.count === 1 ? 'it stays' : 'they stay'}, remove the account and add it again to rebuild ${app}.`,
    };
  }
  if (!f.fromServer) {
    return {
      level: 'warning',
      message: `An item just saved in ${where} could not be read back for ${app}; it is stored, but ${app} may miss it or show an older version.`,
      hint: `${first} Edit it again; if this keeps happening, please report it.`,
    };
  }
  return {
    level: 'warning',
    message: `${items} in ${where} could not be read; ${f.count === 1 ? 'it is' : 'they are'} kept as the server sent ${f.count === 1 ? 'it' : 'them'}.`,
    hint: `${first} The rest of ${where} synced normally. ${app} may miss or show an older version of ${f.count === 1 ? 'this item' : 'these items'}: fix ${f.count === 1 ? 'it' : 'them'} in the app that created ${f.count === 1 ? 'it' : 'them'}, then sync again.`,
  };
}
