import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Folder, SearchHit, ThreadSummary } from '../../../shared/api/mail';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import type { ShortcutAction } from '../keyboard/hotkeys';
import { SearchBar } from '../search/SearchBar';
import { SearchHitRow } from '../search/SearchHitRow';
import { ActionBar } from './ActionBar';
import { EditDraftButton } from '../compose/ReplyButtons';
import { withHiddenRows } from './hidden-rows';
import { ListError, useDebounced } from './list-helpers';
import { collectTargets, loadedIds } from './row-scan';
import { Reader } from './Reader';
import { actionTargets, emptySelection, extendTo, selectAll, toggleAt, type SelectionState } from './selection';
import { ALL_INBOXES } from './unified';
import { TriageDialogs } from './TriageDialogs';
import { UndoToast } from './UndoToast';
import { useMailActions, type ActionTarget } from './useMailActions';
import { Sidebar, type SidebarExtras } from './Sidebar';
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
  /** A notification was clicked: open this conversation (nonce makes a repeat click count). */
  openRequest: { threadId: number; folderId: number; nonce: number } | null;
  /** Account chrome the app owns (sync status, add account, settings). */
  sidebar: SidebarExtras;
  /** Shown instead of the list and reading pane (Drafts, Outbox). */
  altPane?: ReactNode;
}

/** Rows of a folder, or of All Inboxes (which say which account and folder they belong to). */
type ThreadItem = ThreadSummary & { accountId?: number; folderId?: number };
type ListItem = ThreadItem | SearchHit;

const SEARCH_DEBOUNCE_MS = 200;

export function MailView({ folders, folderId, onSelectFolder, searchRef, keyHandlerRef, onImport, openRequest, sidebar, altPane }: Props) {
  const { api, client } = useServices();
  const [query, setQuery] = useState('');
  const [activeQuery, flushQuery] = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const listFocusRef = useRef<HTMLDivElement>(null);
  const searching = query.trim().length > 0 && activeQuery.length > 0;
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<{ threadId: number; folderId: number | null; index: number } | null>(null);
  // Row dates are relative to "now"; refreshing it per folder/query is enough for a list.
  const now = useMemo(() => Date.now(), [folderId, activeQuery]);

  const unified = folderId === ALL_INBOXES;
  const folder: Folder | undefined = folders.folders.find((f) => f.id === folderId);
  const folderById = useMemo(() => new Map(folders.folders.map((f) => [f.id, f])), [folders.folders]);
  const accountName = useMemo(() => new Map(folders.accounts.map((a) => [a.id, a.name])), [folders.accounts]);
  const folderNames = useMemo(() => folders.folders.map((f) => f.name), [folders.folders]);

  const threads = usePagedList<ThreadItem>(
    `folder:${folderId ?? 'none'}`,
    useCallback(
      (offset, limit) =>
        folderId === null ? Promise.resolve({ total: 0, items: [] })
        : folderId === ALL_INBOXES ? api.mail.listUnifiedThreads({ offset, limit })
        : api.mail.listThreads({ folderId, offset, limit }),
      [api, folderId],
    ),
  );
  const hits = usePagedList<SearchHit>(
    `search:${activeQuery}`,
    useCallback((offset, limit) => (activeQuery ? api.mail.search({ query: activeQuery, offset, limit }) : Promise.resolve({ total: 0, items: [] })), [api, activeQuery]),
    50,
  );

  const [selection, setSelection] = useState<SelectionState>(emptySelection);
  const [picker, setPicker] = useState<ActionTarget[] | null>(null);
  const [confirmForever, setConfirmForever] = useState<ActionTarget[] | null>(null);

  // A new folder or a new query starts at the top, with nothing selected.
  useEffect(() => {
    setCursor(0);
    setSelection(emptySelection);
  }, [folderId, activeQuery, searching]);

  const { invalidate: invalidateThreads } = threads;
  const { invalidate: invalidateHits } = hits;
  const inboxIds = useMemo(() => new Set(folders.folders.filter((f) => f.role === 'inbox').map((f) => f.id)), [folders.folders]);
  useEffect(
    () =>
      client.on('mail.changed', (change) => {
        if (folderId !== null && change.folderIds.includes(folderId)) invalidateThreads();
        if (folderId === ALL_INBOXES && change.folderIds.some((id) => inboxIds.has(id))) invalidateThreads();
        if (activeQuery) invalidateHits();
      }),
    [client, folderId, activeQuery, invalidateThreads, invalidateHits, inboxIds],
  );

  const refresh = useCallback(() => {
    invalidateThreads();
    invalidateHits();
  }, [invalidateThreads, invalidateHits]);
  const actions = useMailActions(refresh);

  const rawList: PagedList<ListItem> = searching ? hits : threads;
  const threadIdOf = useCallback((item: ListItem) => ('threadId' in item ? item.threadId : item.id), []);
  const activeList = useMemo<PagedList<ListItem>>(() => {
    const view = withHiddenRows(rawList, (item) => actions.hidden.has(threadIdOf(item)), actions.hidden.size);
    if (view === rawList) return rawList;
    const extra = actions.hidden.size;
    return { ...rawList, total: view.total, get: view.get, ensure: (start, end) => rawList.ensure(start, end + extra) };
    // rawList.version: rows arrived, the hidden ones may be elsewhere now.
  }, [rawList, rawList.version, actions.hidden, threadIdOf]);

  const targetOf = useCallback((item: ListItem): ActionTarget | null => {
    if ('threadId' in item) return { threadId: item.threadId, folderId: item.folderId, flagged: item.flagged, unread: item.unread };
    const f = item.folderId ?? folderId;
    if (f === null || f === ALL_INBOXES) return null;
    const o = actions.overrides.get(item.id);
    return { threadId: item.id, folderId: f, flagged: o?.flagged ?? item.flagged, unread: o?.unread ?? item.unreadCount > 0 };
  }, [folderId, actions.overrides]);

  /** The conversations an action applies to: the selection, the open one, or the cursor row. */
  const currentTargets = useCallback((): ActionTarget[] => {
    const openItem = open ? activeList.get(open.index) : undefined;
    const cursorItem = activeList.get(cursor);
    const ids = actionTargets(selection, openItem ? threadIdOf(openItem) : null, cursorItem ? threadIdOf(cursorItem) : null);
    return collectTargets(activeList, ids, threadIdOf, targetOf);
  }, [open, activeList, cursor, selection, threadIdOf, targetOf]);

  const afterRemoval = useCallback((targets: ActionTarget[]) => {
    const gone = new Set(targets.map((t) => t.threadId));
    setSelection(emptySelection);
    if (open && gone.has(open.threadId)) setOpen(null);
  }, [open]);

  const archive = useCallback((targets: ActionTarget[]) => {
    actions.remove('archive', targets);
    afterRemoval(targets);
  }, [actions, afterRemoval]);
  const remove = useCallback((targets: ActionTarget[]) => {
    if (targets.length === 0) return;
    if (targets.every((t) => folderById.get(t.folderId)?.role === 'trash')) {
      setConfirmForever(targets);
      return;
    }
    actions.remove('delete', targets);
    afterRemoval(targets);
  }, [actions, afterRemoval, folderById]);
  const moveTo = useCallback((targets: ActionTarget[], to: Folder) => {
    actions.remove('move', targets, { id: to.id, name: to.name });
    afterRemoval(targets);
  }, [actions, afterRemoval]);
  const toggleUnread = useCallback((targets: ActionTarget[]) => {
    if (actions.toggleUnread(targets) && open && targets.some((t) => t.threadId === open.threadId)) setOpen(null);
  }, [actions, open]);

  const openAt = useCallback(
    (index: number) => {
      const item = activeList.get(index);
      if (!item) return;
      setCursor(index);
      if ('threadId' in item) setOpen({ threadId: item.threadId, folderId: null, index });
      else setOpen({ threadId: item.id, folderId: item.folderId ?? folderId, index });
    },
    [activeList, folderId],
  );

  // A clicked notification: open that conversation once its folder is shown.
  useEffect(() => {
    if (openRequest) setOpen({ threadId: openRequest.threadId, folderId: openRequest.folderId, index: -1 });
  }, [openRequest]);

  const idAt = useCallback((i: number) => {
    const item = activeList.get(i);
    return item ? threadIdOf(item) : undefined;
  }, [activeList, threadIdOf]);
  const onRowClick = useCallback((index: number, how: { extend: boolean; toggle: boolean }) => {
    if (how.extend) {
      setSelection((s) => extendTo(s, cursor, index, idAt));
      setCursor(index);
    } else if (how.toggle) {
      setSelection((s) => toggleAt(s, index, idAt));
      setCursor(index);
    } else {
      openAt(index);
    }
  }, [cursor, idAt, openAt]);

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
        case 'extend-next':
        case 'extend-previous': {
          if (total === 0) return true;
          const next = Math.max(0, Math.min(total - 1, cursor + (action === 'extend-next' ? 1 : -1)));
          setSelection((s) => extendTo(s, cursor, next, idAt));
          setCursor(next);
          return true;
        }
        case 'toggle-select':
          setSelection((s) => toggleAt(s, cursor, idAt));
          return true;
        case 'select-all':
          setSelection(selectAll(loadedIds(activeList, threadIdOf)));
          return true;
        case 'archive':
          archive(currentTargets());
          return true;
        case 'delete':
          remove(currentTargets());
          return true;
        case 'toggle-flag':
          actions.toggleFlag(currentTargets());
          return true;
        case 'toggle-unread':
          toggleUnread(currentTargets());
          return true;
        case 'move': {
          const targets = currentTargets();
          if (targets.length > 0) setPicker(targets);
          return true;
        }
        case 'undo':
          actions.undo();
          return true;
        case 'escape':
          if (open) setOpen(null);
          else if (selection.ids.size > 0) setSelection(emptySelection);
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
  }, [keyHandlerRef, activeList, cursor, open, openAt, query, clearSearch, idAt, threadIdOf, archive, remove, toggleUnread, currentTargets, actions, selection.ids.size]);

  const handlersFor = (targets: () => ActionTarget[]) => ({
    onArchive: () => archive(targets()),
    onDelete: () => remove(targets()),
    onMove: () => {
      const t = targets();
      if (t.length > 0) setPicker(t);
    },
    onToggleFlag: () => actions.toggleFlag(targets()),
    onToggleUnread: () => toggleUnread(targets()),
  });
  const openItem = open ? activeList.get(open.index) : undefined;
  const openTarget = openItem ? targetOf(openItem) : open && open.folderId !== null ? { threadId: open.threadId, folderId: open.folderId, flagged: false, unread: false } : null;
  const inTrash = folder?.role === 'trash';

  const listLabel = searching ? `Search results for ${activeQuery}` : unified ? 'Conversations in All Inboxes' : folder ? `Conversations in ${folder.name}` : 'Conversations';
  const headerCount = searching ? hits.total : unified ? threads.total : folder ? folder.totalCount : null;

  return (
    <div className={`mail-view${open ? ' has-reader' : ''}`}>
      <ErrorBoundary area="the folder list">
        <Sidebar {...sidebar} accounts={folders.accounts} folders={folders.folders} loaded={folders.loaded} selectedFolderId={searching || altPane ? null : folderId} onSelect={(id) => {
          setQuery('');
          setOpen(null);
          onSelectFolder(id);
        }} onImport={onImport} />
      </ErrorBoundary>
      {altPane}
      {!altPane && <>
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
          <h2>{searching ? 'Search results' : unified ? 'All Inboxes' : folder?.name ?? 'Mail'}</h2>
          {headerCount !== null && <span className="muted">{headerCount.toLocaleString()} {searching ? (headerCount === 1 ? 'hit' : 'hits') : headerCount === 1 ? 'message' : 'messages'}</span>}
          {folder && !searching && folder.unreadCount > 0 && <span className="list-unread">{folder.unreadCount.toLocaleString()} unread</span>}
        </header>
        {selection.ids.size > 0 && (
          <div className="selection-bar" data-testid="selection-bar">
            <span className="selection-count">{selection.ids.size.toLocaleString()} selected</span>
            <ActionBar variant="selection" flagged={false} unread={false} inTrash={inTrash} {...handlersFor(currentTargets)} />
            <button type="button" className="button ghost small" onClick={() => setSelection(emptySelection)}>Clear <kbd>Esc</kbd></button>
          </div>
        )}
        <div className="list-body" ref={listFocusRef}>
        <ErrorBoundary area="the message list">
          {searching ? (
            <>
              <ListError list={hits} doing="search" />
              <VirtualList
                list={activeList as PagedList<SearchHit>}
                rowHeight={THREAD_ROW_HEIGHT}
                label={listLabel}
                cursor={cursor}
                openIndex={open?.index ?? null}
                onActivate={onRowClick}
                isSelected={(i) => selection.ids.has(idAt(i) ?? -1)}
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
                list={activeList as PagedList<ThreadItem>}
                rowHeight={THREAD_ROW_HEIGHT}
                label={listLabel}
                cursor={cursor}
                openIndex={open?.index ?? null}
                onActivate={onRowClick}
                isSelected={(i) => selection.ids.has(idAt(i) ?? -1)}
                idPrefix="thread"
                rowKey={(t, i) => (t ? `t${t.id}` : `p${i}`)}
                renderRow={(t) => {
                  const o = t ? actions.overrides.get(t.id) : undefined;
                  const shown = t && o ? { ...t, flagged: o.flagged ?? t.flagged, unreadCount: o.unread === undefined ? t.unreadCount : o.unread ? Math.max(1, t.unreadCount) : 0 } : t;
                  const target = shown ? targetOf(shown) : null;
                  return (
                    <ThreadRow
                      thread={shown}
                      now={now}
                      selected={t ? selection.ids.has(t.id) : false}
                      folderLabel={unified && t?.accountId !== undefined && folders.accounts.length > 1 ? accountName.get(t.accountId) : undefined}
                      actions={shown && target ? <ActionBar variant="row" flagged={shown.flagged} unread={shown.unreadCount > 0} inTrash={inTrash} {...handlersFor(() => [target])} /> : undefined}
                    />
                  );
                }}
                empty={<><Icon name="inbox" size={28} /><p>This folder is empty.</p></>}
              />
            </>
          )}
        </ErrorBoundary>
        </div>
      </section>
      <ErrorBoundary area="the reading pane">
        <Reader
          threadId={open?.threadId ?? null}
          folderId={open?.folderId ?? null}
          onClose={() => setOpen(null)}
          toolbar={openTarget ? <>{folderById.get(openTarget.folderId)?.role === 'drafts' && <EditDraftButton />}<ActionBar variant="reader" flagged={openTarget.flagged} unread={openTarget.unread} inTrash={folderById.get(openTarget.folderId)?.role === 'trash'} {...handlersFor(() => [openTarget])} /></> : undefined}
        />
      </ErrorBoundary>
      </>}
      <UndoToast entry={actions.undoEntry} onUndo={actions.undo} onDismiss={actions.dismissUndo} />
      <TriageDialogs
        picker={picker}
        folders={folders.folders}
        onMove={moveTo}
        onClosePicker={() => setPicker(null)}
        confirmForever={confirmForever}
        onCancelForever={() => setConfirmForever(null)}
        onDeleteForever={(targets) => {
          setConfirmForever(null);
          actions.remove('delete-forever', targets);
          afterRemoval(targets);
        }}
      />
    </div>
  );
}
