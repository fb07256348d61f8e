import type { ImapFlow, ListResponse, StatusObject } from 'imapflow';
import type { FolderRole } from '../../shared/api/mail';
import type { RemoteFolder } from './sink';

const ROLE_BY_SPECIAL_USE: Record<string, FolderRole> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Archive': 'archive',
  '\\Junk': 'junk',
  '\\All': 'all',
  '\\Flagged': 'flagged',
};

/** Sync order: the inbox first (what the user looks at), then folders they act on, then the rest. */
const ROLE_ORDER: (FolderRole | null)[] = ['inbox', 'sent', 'drafts', 'archive', 'flagged', 'trash', 'junk', 'all'];

export interface ListedFolder {
  folder: RemoteFolder;
  /** LIST-STATUS (or STATUS) data, when the server gave it. */
  status: StatusObject | undefined;
}

/**
 * LIST with SPECIAL-USE roles, hierarchy and decoded names. imapflow decodes modified UTF-7
 * into `path`/`name` and encodes it back when given a path, so unicode paths travel as-is.
 */
export async function listFolders(client: ImapFlow, withStatus: boolean): Promise<ListedFolder[]> {
  const listed = await client.list(withStatus ? { statusQuery: { uidValidity: true, uidNext: true, highestModseq: true, messages: true } } : {});
  return listed.map((entry) => ({ folder: toRemoteFolder(entry), status: entry.status }))
    .sort((a, b) => rank(a.folder) - rank(b.folder) || a.folder.path.localeCompare(b.folder.path));
}

function toRemoteFolder(entry: ListResponse): RemoteFolder {
  const flags = entry.flags;
  const selectable = !flags.has('\\Noselect') && !flags.has('\\NonExistent');
  const role = entry.path.toUpperCase() === 'INBOX' ? 'inbox' : (entry.specialUse ? ROLE_BY_SPECIAL_USE[entry.specialUse] ?? null : null);
  return {
    path: entry.path,
    name: entry.name,
    parentPath: entry.parentPath ? entry.parentPath : null,
    delimiter: entry.delimiter,
    role,
    subscribed: entry.subscribed,
    selectable,
  };
}

function rank(folder: RemoteFolder): number {
  const i = ROLE_ORDER.indexOf(folder.role);
  return i === -1 ? ROLE_ORDER.length : i;
}
