import { useMemo, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/api/accounts';
import type { Account, Folder } from '../../../shared/api/mail';
import { SyncStatusLine } from '../accounts/SyncStatusLine';
import { useNow } from '../accounts/useSyncStatus';
import { Icon, roleIcon } from '../app/Icon';
import { buildFolderTree, visibleNodes } from './folder-tree';
import { ALL_INBOXES, inboxUnread } from './unified';

/** What the app adds to the folder list: accounts, their sync state, All Inboxes. */
export interface SidebarExtras {
  /** "All Inboxes" at the top (more than one account). */
  showAllInboxes: boolean;
  syncStatus: ReadonlyMap<number, SyncStatus>;
  onRetrySync(accountId: number): void;
  onAddAccount(): void;
  onAccountSettings(accountId: number): void;
  /** Entries above the accounts (Drafts, Outbox). */
  top?: ReactNode;
}

interface Props extends SidebarExtras {
  accounts: Account[];
  folders: Folder[];
  loaded: boolean;
  selectedFolderId: number | null;
  onSelect(folderId: number): void;
  onImport(): void;
}

function Badge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="badge" data-testid="unread-count" aria-label={`${count} unread`}>
      {count > 9999 ? '9999+' : count}
    </span>
  );
}

export function Sidebar({ accounts, folders, loaded, selectedFolderId, onSelect, onImport, showAllInboxes, syncStatus, onRetrySync, onAddAccount, onAccountSettings, top }: Props) {
  const now = useNow(5000);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const byAccount = useMemo(() => accounts.map((account) => ({ account, tree: buildFolderTree(folders.filter((f) => f.accountId === account.id)) })), [accounts, folders]);

  const toggle = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <nav className="sidebar" aria-label="Folders">
      <div className="sidebar-scroll">
        {top}
        {loaded && accounts.length === 0 && (
          <div className="sidebar-empty">
            <p>No mail yet.</p>
            <p className="muted">Add an IMAP account, or import an mbox or .eml file to get started.</p>
          </div>
        )}
        {showAllInboxes && (
          <div className={`folder-item all-inboxes${selectedFolderId === ALL_INBOXES ? ' selected' : ''}`}>
            <span className="folder-twisty" />
            <button type="button" className="folder-button" data-testid="all-inboxes" aria-current={selectedFolderId === ALL_INBOXES ? 'page' : undefined} onClick={() => onSelect(ALL_INBOXES)}>
              <Icon name="inbox" size={16} className="folder-icon" />
              <span className="folder-name">All Inboxes</span>
              <Badge count={inboxUnread(folders)} />
            </button>
          </div>
        )}
        {byAccount.map(({ account, tree }) => {
          const accountKey = `account:${account.id}`;
          const accountCollapsed = collapsed.has(accountKey);
          const prefix = `${account.id}:`;
          const collapsedPaths = new Set([...collapsed].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
          return (
            <section key={account.id} className="account" data-testid="account" data-account-id={account.id}>
              <div className="account-header-row">
                <button type="button" className="account-header" aria-expanded={!accountCollapsed} onClick={() => toggle(accountKey)}>
                  <Icon name={accountCollapsed ? 'chevronRight' : 'chevronDown'} size={12} />
                  <span className="account-name">{account.name}</span>
                  {account.email && account.email !== account.name && <span className="account-email">{account.email}</span>}
                </button>
                {account.kind === 'imap' && (
                  <button type="button" className="icon-button account-gear" aria-label={`Settings for ${account.name}`} title="Account settings" onClick={() => onAccountSettings(account.id)}>
                    <Icon name="settings" size={14} />
                  </button>
                )}
              </div>
              {syncStatus.has(account.id) && <SyncStatusLine status={syncStatus.get(account.id)!} now={now} onRetry={() => onRetrySync(account.id)} />}
              {!accountCollapsed && (
                <ul className="folder-list" role="tree" aria-label={`${account.name} folders`}>
                  {visibleNodes(tree, collapsedPaths).map((node) => {
                    const folder = node.folder;
                    const selected = folder !== null && folder.id === selectedFolderId;
                    const hasChildren = node.children.length > 0;
                    const isCollapsed = collapsedPaths.has(node.path);
                    return (
                      <li key={node.path} role="treeitem" aria-selected={selected} aria-level={node.depth + 1} aria-expanded={hasChildren ? !isCollapsed : undefined}>
                        <div className={`folder-item${selected ? ' selected' : ''}${folder ? '' : ' virtual'}`} style={{ paddingLeft: 8 + node.depth * 14 }}>
                          {hasChildren ? (
                            <button type="button" className="folder-twisty" aria-label={isCollapsed ? `Expand ${node.label}` : `Collapse ${node.label}`} onClick={() => toggle(prefix + node.path)}>
                              <Icon name={isCollapsed ? 'chevronRight' : 'chevronDown'} size={12} />
                            </button>
                          ) : (
                            <span className="folder-twisty" />
                          )}
                          <button
                            type="button"
                            className="folder-button"
                            data-testid="folder-item"
                            data-folder-name={folder?.name ?? node.label}
                            data-folder-id={folder?.id}
                            disabled={!folder}
                            aria-current={selected ? 'page' : undefined}
                            onClick={() => folder && onSelect(folder.id)}
                          >
                            <Icon name={roleIcon(folder?.role ?? null)} size={16} className="folder-icon" />
                            <span className="folder-name">{node.label}</span>
                            {folder && <Badge count={folder.unreadCount} />}
                          </button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <div className="sidebar-footer">
        <button type="button" className="button ghost full" onClick={onAddAccount} data-testid="add-account-button">
          <Icon name="plus" size={16} />
          Add account…
        </button>
        <button type="button" className="button ghost full" onClick={onImport} data-testid="import-button">
          <Icon name="upload" size={16} />
          Import mail…
        </button>
      </div>
    </nav>
  );
}
