import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Folder, SearchHit, ThreadSummary } from '../../../shared/api/mail';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { describeError } from '../app/describe-error';
import type { ShortcutAction } from '../keyboard/hotkeys';
import { SearchBar } from '../search/SearchBar';
import { SearchHitRow } from '../search/SearchHitRow';
import { Reader } from './Reader';
import { Sidebar } from './Sidebar';
import { THREAD_ROW_HEIGHT, ThreadRow } from './ThreadRow';
import type { FolderState } from './useFolders';
import { usePagedList, type PagedList } from './usePagedList';
import { VirtualList } from './VirtualList';

interface Props {
  folders: FolderState;
  folderId: number | null;
  onSelectFolder(id: number): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The app routes list shortcuts here while the mail view is shown. */
  keyHandlerRef: RefObject<((action: ShortcutAction) => boolean) | null>;
  onImport(): void;
}

const SEARCH_DEBOUNCE_MS = 200;

/** The value after typing paused for `ms`; `flush` takes the current value at once (Enter). */
function useDebounced<T>(value: T, ms: number): [T, () => void] {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  const flush = useCallback(() => setDebounced(value), [value]);
  return [debounced, flush];
}

function ListError({ list, doing }: { list: PagedList<unknown>; doing: string }) {
  if (!list.error) return null;
  const { message, hint } = describeError(list.error, doing);
  return (
    <div className="list-error" role="alert">
      <p>{message}</p>
      {hint && <p className="muted">{hint}</p>}
      <button type="button" className="button small" onClick={list.invalidate}>Try again</button>
    </div>
  );
}

export function MailView({ folders, folderId, onSelectFolder, searchRef, keyHandlerRef, onImport }: Props) {
  const { api, client } = useServices();
  const [query, setQuery] = useState('');
  const [activeQuery, flushQuery] = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const listFocusRef = useRef<HTMLDivElement>(null);
  const searching = query.trim().length > 0 && activeQuery.length > 0;
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<{ threadId: number; folderId: number | null; index: number } | null>(null);
  // Row dates are relative to "now"; refreshing it per folder/query is enough for a list.
  const now = useMemo(() => Date.now(), [folderId, activeQuery]);

  const folder: Folder | undefined = folders.folders.find((f) => f.id === folderId);
  const folderById = useMemo(() => new Map(folders.folders.map((f) => [f.id, f])), [folders.folders]);
  const folderNames = useMemo(() => folders.folders.map((f) => f.name), [folders.folders]);

  const threads = usePagedList<ThreadSummary>(
    `folder:${folderId ?? 'none'}`,
    useCallback((offset, limit) => (folderId === null ? Promise.resolve({ total: 0, items: [] }) : api.mail.listThreads({ folderId, offset, limit })), [api, folderId]),
  );
  const hits = usePagedList<SearchHit>(
    `search:${activeQuery}`,
    useCallback((offset, limit) => (activeQuery ? api.mail.search({ query: activeQuery, offset, limit }) : Promise.resolve({ total: 0, items: [] })), [api, activeQuery]),
    50,
  );

  // A new folder or a new query starts at the top.
  useEffect(() => setCursor(0), [folderId, activeQuery, searching]);

  const { invalidate: invalidateThreads } = threads;
  const { invalidate: invalidateHits } = hits;
  useEffect(
    () =>
      client.on('mail.changed', (change) => {
        if (folderId !== null && change.folderIds.includes(folderId)) invalidateThreads();
        if (activeQuery) invalidateHits();
      }),
    [client, folderId, activeQuery, invalidateThreads, invalidateHits],
  );

  const activeList: PagedList<ThreadSummary | SearchHit> = searching ? hits : threads;
  const openAt = useCallback(
    (index: number) => {
      const item = activeList.get(index);
      if (!item) return;
      setCursor(index);
      if ('threadId' in item) setOpen({ threadId: item.threadId, folderId: null, index });
      else setOpen({ threadId: item.id, folderId, index });
    },
    [activeList, folderId],
  );

  const clearSearch = useCallback(() => {
    setQuery('');
    setOpen(null);
  }, []);

  useEffect(() => {
    keyHandlerRef.current = (action) => {
      const total = activeList.total ?? 0;
      switch (action) {
        case 'next':
        case 'previous': {
          if (total === 0) return true;
          const next = Math.max(0, Math.min(total - 1, cursor + (action === 'next' ? 1 : -1)));
          setCursor(next);
          if (open) openAt(next); // with a conversation open, j/k read the neighbour
          return true;
        }
        case 'open':
          openAt(cursor);
          return true;
        case 'escape':
          if (open) setOpen(null);
          else if (query) clearSearch();
          else return false;
          return true;
        default:
          return false;
      }
    };
    return () => {
      keyHandlerRef.current = null;
    };
  }, [keyHandlerRef, activeList, cursor, open, openAt, query, clearSearch]);

  const listLabel = searching ? `Search results for ${activeQuery}` : folder ? `Conversations in ${folder.name}` : 'Conversations';
  const headerCount = searching ? hits.total : folder ? folder.totalCount : null;

  return (
    <div className={`mail-view${open ? ' has-reader' : ''}`}>
      <ErrorBoundary area="the folder list">
        <Sidebar accounts={folders.accounts} folders={folders.folders} loaded={folders.loaded} selectedFolderId={searching ? null : folderId} onSelect={(id) => {
          setQuery('');
          setOpen(null);
          onSelectFolder(id);
        }} onImport={onImport} />
      </ErrorBoundary>
      <section className="list-pane" aria-label="Message list">
        <div className="list-toolbar">
          <SearchBar ref={searchRef} value={query} folderNames={folderNames} onChange={setQuery} onClear={clearSearch} onSubmit={() => {
            // Enter searches now (no debounce wait) and hands the keyboard to the results: j/k, Enter.
            flushQuery();
            searchRef.current?.blur();
            listFocusRef.current?.querySelector<HTMLElement>('[role=listbox]')?.focus();
          }} />
        </div>
        <header className="list-header">
          <h2>{searching ? 'Search results' : folder?.name ?? 'Mail'}</h2>
          {headerCount !== null && <span className="muted">{headerCount.toLocaleString()} {searching ? (headerCount === 1 ? 'hit' : 'hits') : headerCount === 1 ? 'message' : 'messages'}</span>}
          {folder && !searching && folder.unreadCount > 0 && <span className="list-unread">{folder.unreadCount.toLocaleString()} unread</span>}
        </header>
        <div className="list-body" ref={listFocusRef}>
        <ErrorBoundary area="the message list">
          {searching ? (
            <>
              <ListError list={hits} doing="search" />
              <VirtualList
                list={hits}
                rowHeight={THREAD_ROW_HEIGHT}
                label={listLabel}
                cursor={cursor}
                openIndex={open?.index ?? null}
                onActivate={openAt}
                idPrefix="hit"
                rowKey={(hit, i) => (hit ? `h${hit.id}` : `p${i}`)}
                renderRow={(hit) => <SearchHitRow hit={hit} folderName={hit ? folderById.get(hit.folderId)?.name : undefined} now={now} />}
                empty={<><Icon name="search" size={28} /><p>No messages match “{activeQuery}”.</p><p className="muted">Try fewer words, or an operator like <code>from:</code> or <code>in:</code>.</p></>}
              />
            </>
          ) : folderId === null ? (
            <div className="list-empty">
              <Icon name="inbox" size={28} />
              <p>{folders.loaded ? 'Import mail to get started.' : 'Loading…'}</p>
              {folders.loaded && <button type="button" className="button primary" onClick={onImport}><Icon name="upload" size={16} />Import mail…</button>}
            </div>
          ) : (
            <>
              <ListError list={threads} doing="load the conversations" />
              <VirtualList
                list={threads}
                rowHeight={THREAD_ROW_HEIGHT}
                label={listLabel}
                cursor={cursor}
                openIndex={open?.index ?? null}
                onActivate={openAt}
                idPrefix="thread"
                rowKey={(t, i) => (t ? `t${t.id}` : `p${i}`)}
                renderRow={(t) => <ThreadRow thread={t} now={now} />}
                empty={<><Icon name="inbox" size={28} /><p>This folder is empty.</p></>}
              />
            </>
          )}
        </ErrorBoundary>
        </div>
      </section>
      <ErrorBoundary area="the reading pane">
        <Reader threadId={open?.threadId ?? null} folderId={open?.folderId ?? null} onClose={() => setOpen(null)} />
      </ErrorBoundary>
    </div>
  );
}
