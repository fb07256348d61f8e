import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../shared/api/mail';
import { AddAccountDialog } from '../accounts/AddAccountDialog';
import { isEverythingOffline } from '../accounts/setup-logic';
import { useSyncStatus } from '../accounts/useSyncStatus';
import { CommandPalette, type Command } from '../palette/CommandPalette';
import { NotificationPrompt } from '../notify/NotificationPrompt';
import { titleWithUnread } from '../notify/notification-plan';
import { useNewMailNotifications } from '../notify/useNewMailNotifications';
import { useReminderNotifications } from '../notify/useReminderNotifications';
import type { CalendarOpenRequest } from '../calendar/CalendarView';
import { ContactsView } from '../contacts/ContactsView';
import { ALL_INBOXES, inboxUnread } from '../mail/unified';
import { useOnline } from './useOnline';
import { ImportPanel } from '../import/ImportPanel';
import { useImports } from '../import/useImports';
import { isImportableName } from '../import/upload';
import { ShortcutReader, type ShortcutAction } from '../keyboard/hotkeys';
import { defaultFolder, startFolder } from '../mail/folder-tree';
import { MailView } from '../mail/MailView';
import { useFolders } from '../mail/useFolders';
import { SettingsView } from '../settings/SettingsView';
import { ErrorBoundary } from './ErrorBoundary';
import { Icon, roleIcon } from './Icon';
import { Placeholder } from './Placeholder';
import { Rail, type View } from './Rail';
import { useServices } from './services';
import { applyTheme, loadTheme, nextTheme, type ThemeChoice } from './theme';
import { Toasts } from './Toasts';
import { ComposeProvider } from '../compose/ComposeProvider';
import { ComposeKeys } from '../compose/ComposeKeys';
import { ComposeNav, type ComposeList } from '../compose/ComposeNav';
import { DraftsPane } from '../compose/DraftsPane';
import { OutboxPane } from '../compose/OutboxPane';

const ACCEPT = '.mbox,.eml,.mbx,message/rfc822,application/mbox';
// FullCalendar is most of the calendar's weight: loaded when the calendar is first opened, not with the mail.
const CalendarView = lazy(() => import('../calendar/CalendarView').then((m) => ({ default: m.CalendarView })));

export function App({ lostReason }: { lostReason: string | null }) {
  const { client, notify } = useServices();
  const folders = useFolders();
  const { jobs, importFiles, clearFinished } = useImports();
  const [view, setView] = useState<View>('mail');
  const [folderId, setFolderId] = useState<number | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  const searchRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const mailKeys = useRef<((action: ShortcutAction) => boolean) | null>(null);
  const composeKeys = useRef<((action: ShortcutAction) => boolean) | null>(null);
  const [composeList, setComposeList] = useState<ComposeList | null>(null);
  const selectFolder = useCallback((id: number) => {
    setComposeList(null);
    setFolderId(id);
  }, []);
  const sync = useSyncStatus();
  const online = useOnline();
  const [addingAccount, setAddingAccount] = useState<boolean | 'dav'>(false);
  const [calendarOpen, setCalendarOpen] = useState<CalendarOpenRequest | null>(null);
  const [settingsAccount, setSettingsAccount] = useState<number | null>(null);
  const [openRequest, setOpenRequest] = useState<{ threadId: number; folderId: number; nonce: number } | null>(null);
  const showAllInboxes = folders.accounts.length > 1;

  useEffect(() => applyTheme(theme), [theme]);

  // Open the Inbox (All Inboxes with several accounts) once folders arrive; follow the folder away if it disappears.
  useEffect(() => {
    if (!folders.loaded) return;
    if (folderId === ALL_INBOXES && showAllInboxes) return;
    if (folderId === null || !folders.folders.some((f) => f.id === folderId)) setFolderId(showAllInboxes ? ALL_INBOXES : startFolder(folders.folders)?.id ?? null);
  }, [folders.loaded, folders.folders, folderId, showAllInboxes]);

  const unread = inboxUnread(folders.folders);
  useEffect(() => {
    document.title = titleWithUnread(unread);
  }, [unread]);

  useNewMailNotifications({
    folders: folders.folders,
    shownFolderId: view === 'mail' ? folderId : null,
    onOpen: useCallback((accountId: number, threadId: number | null) => {
      const inbox = folders.folders.find((f) => f.accountId === accountId && f.role === 'inbox');
      setView('mail');
      if (!inbox) return;
      setFolderId(inbox.id);
      if (threadId !== null) setOpenRequest({ threadId, folderId: inbox.id, nonce: Date.now() });
    }, [folders.folders]),
  });

  useReminderNotifications(useCallback((eventId: number, instanceStart: number) => {
    setView('calendar');
    setCalendarOpen({ eventId, instanceStart, nonce: Date.now() });
  }, []));

  const openAccountSettings = useCallback((accountId: number | null) => {
    setSettingsAccount(accountId);
    setView('settings');
  }, []);
  // After adding an account, show its mail as soon as its Inbox exists (All Inboxes with several).
  const [justAdded, setJustAdded] = useState<number | null>(null);
  useEffect(() => {
    if (justAdded === null) return;
    const inbox = folders.folders.find((f) => f.accountId === justAdded && f.role === 'inbox');
    if (!inbox) return;
    setJustAdded(null);
    setView('mail');
    setFolderId(folders.accounts.length > 1 ? ALL_INBOXES : inbox.id);
  }, [justAdded, folders.folders, folders.accounts.length]);
  const accountAdded = useCallback((account: Account) => {
    setAddingAccount(false);
    setJustAdded(account.id);
    notify({ level: 'info', message: `Added ${account.email ?? account.name}. Your newest mail arrives first; the rest follows in the background.` });
    folders.reload();
  }, [folders, notify]);

  useEffect(() => client.on('app.notice', (n) => notify({ level: n.level, message: n.message, hint: n.hint })), [client, notify]);

  const openImport = useCallback(() => fileRef.current?.click(), []);
  const goInbox = useCallback(() => {
    const inbox = defaultFolder(folders.folders);
    setView('mail');
    if (inbox) setFolderId(inbox.id);
  }, [folders.folders]);
  const focusSearch = useCallback(() => {
    setView('mail');
    // Focus at once so the next keystrokes land in the field; the mail view may have to mount first.
    if (searchRef.current) searchRef.current.focus();
    else requestAnimationFrame(() => searchRef.current?.focus());
  }, []);
  const toggleTheme = useCallback(() => setTheme((t) => nextTheme(t, window.matchMedia('(prefers-color-scheme: dark)').matches)), []);

  useEffect(() => {
    const reader = new ShortcutReader();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const action = reader.read(
        { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: target?.tagName.toLowerCase() ?? '', targetEditable: target?.isContentEditable ?? false },
        performance.now(),
      );
      if (!action) return;
      // A dialog (add account, confirm, folder picker) owns the keyboard while it is open.
      const modal = document.querySelector('[aria-modal="true"]');
      if (modal && !(action === 'palette' && modal.getAttribute('data-testid') === 'command-palette')) return;
      if (action === 'palette') {
        e.preventDefault();
        setPaletteOpen((o) => !o);
        return;
      }
      if (paletteOpen) return; // the palette handles its own keys
      // Enter on a focused button or link keeps its native meaning.
      if (action === 'open' && target && /^(button|a|summary)$/.test(target.tagName.toLowerCase())) return;
      if (action === 'focus-search') {
        e.preventDefault();
        focusSearch();
      } else if (action === 'go-inbox') {
        e.preventDefault();
        goInbox();
      } else if (composeKeys.current?.(action)) {
        e.preventDefault();
      } else if (view === 'mail' && mailKeys.current?.(action)) {
        e.preventDefault();
      } else if (action === 'escape' && view !== 'mail') {
        setView('mail');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paletteOpen, view, focusSearch, goInbox]);

  const commands = useMemo<Command[]>(() => {
    const base: Command[] = [
      { id: 'search', label: 'Search mail', icon: 'search', hint: '/', run: focusSearch },
      { id: 'compose', label: 'New message', icon: 'pencil', hint: 'c', run: () => composeKeys.current?.('compose') },
      { id: 'drafts', label: 'Go to Drafts', icon: 'drafts', run: () => {
        setView('mail');
        setComposeList('drafts');
      } },
      { id: 'outbox', label: 'Go to Outbox', icon: 'send', run: () => {
        setView('mail');
        setComposeList('outbox');
      } },
      { id: 'inbox', label: 'Go to Inbox', icon: 'inbox', hint: 'g i', run: goInbox },
      { id: 'import', label: 'Import mail…', icon: 'upload', run: openImport },
      { id: 'add-account', label: 'Add email account…', icon: 'plus', run: () => setAddingAccount(true) },
      { id: 'add-dav-account', label: 'Add calendar & contacts account (CalDAV/CardDAV)…', icon: 'calendar', run: () => setAddingAccount('dav') },
      ...(showAllInboxes ? [{ id: 'all-inboxes', label: 'Go to All Inboxes', icon: 'inbox' as const, run: () => {
        setView('mail');
        setFolderId(ALL_INBOXES);
      } }] : []),
      ...folders.accounts.filter((a) => a.kind === 'imap').map((a): Command => ({ id: `account-${a.id}`, label: `Account settings: ${a.email ?? a.name}`, icon: 'settings', run: () => openAccountSettings(a.id) })),
      ...(sync.available ? [{ id: 'sync-now', label: 'Sync all accounts now', icon: 'download' as const, run: () => {
        client.api.sync.now({}).catch((err: unknown) => notify({ level: 'error', message: err instanceof Error ? err.message : String(err) }));
      } }] : []),
      { id: 'mail', label: 'Open Mail', icon: 'mail', run: () => setView('mail') },
      { id: 'calendar', label: 'Open Calendar', icon: 'calendar', run: () => setView('calendar') },
      { id: 'contacts', label: 'Open Contacts', icon: 'contacts', run: () => setView('contacts') },
      { id: 'assistant', label: 'Open Assistant', icon: 'assistant', run: () => setView('assistant') },
      { id: 'settings', label: 'Open Settings', icon: 'settings', run: () => setView('settings') },
      { id: 'theme', label: 'Toggle theme (light / dark)', icon: 'moon', run: toggleTheme },
    ];
    const multiAccount = folders.accounts.length > 1;
    const accountName = new Map(folders.accounts.map((a) => [a.id, a.name]));
    const goTo = folders.folders.map((f): Command => ({
      id: `folder-${f.id}`,
      label: `Go to folder: ${f.path}${multiAccount ? ` (${accountName.get(f.accountId) ?? ''})` : ''}`,
      icon: roleIcon(f.role),
      hint: f.unreadCount > 0 ? `${f.unreadCount} unread` : undefined,
      run: () => {
        setView('mail');
        setFolderId(f.id);
      },
    }));
    return [...base, ...goTo];
  }, [folders.accounts, folders.folders, focusSearch, goInbox, openImport, toggleTheme, showAllInboxes, openAccountSettings, sync.available, client, notify]);

  const offline = lostReason !== null || isEverythingOffline([...sync.byAccount.values()], online);

  const acceptFiles = (list: FileList | null) => {
    const files = [...(list ?? [])];
    const wanted = files.filter((f) => isImportableName(f.name));
    const skipped = files.length - wanted.length;
    if (skipped > 0) notify({ level: 'warning', message: `${skipped} file${skipped === 1 ? ' was' : 's were'} skipped: not a mailbox (.mbox) or message (.eml).`, hint: 'Export mail as mbox or .eml from your old client, then import those files.' });
    importFiles(wanted);
  };

  return (
    <ComposeProvider accounts={folders.accounts}>
    <ComposeKeys handlerRef={composeKeys} />
    <div
      className="app"
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.relatedTarget) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        acceptFiles(e.dataTransfer.files);
      }}
    >
      {lostReason && (
        <div className="connection-lost" role="alert" data-testid="connection-lost">
          <Icon name="alert" size={16} />
          <span>Connection to PMSync lost — is <code>pmsync serve</code> still running? Reload to reconnect.</span>
          <span className="muted">({lostReason})</span>
          <button type="button" className="button small" onClick={() => location.reload()}>Reload</button>
        </div>
      )}
      {offline && !lostReason && (
        <div className="offline-indicator" role="status" data-testid="offline-indicator">
          <Icon name="wifiOff" size={16} />
          <span>You are offline. Reading, searching and triage keep working; changes go out when the connection returns.</span>
        </div>
      )}
      <NotificationPrompt show={folders.accounts.some((a) => a.kind === 'imap')} />
      <div className="app-body">
        <Rail view={view} onView={setView} onPalette={() => setPaletteOpen(true)} />
        <main className="app-main">
          <ErrorBoundary area={view === 'mail' ? 'Mail' : view}>
            {view === 'mail' && (
              <MailView
                folders={folders}
                folderId={folderId}
                onSelectFolder={selectFolder}
                altPane={composeList === 'drafts' ? <DraftsPane /> : composeList === 'outbox' ? <OutboxPane /> : undefined}
                searchRef={searchRef}
                keyHandlerRef={mailKeys}
                onImport={openImport}
                openRequest={openRequest}
                sidebar={{ top: <ComposeNav selected={composeList} onSelect={setComposeList} />, showAllInboxes, syncStatus: sync.byAccount, onRetrySync: sync.retry, onAddAccount: () => setAddingAccount(true), onAccountSettings: openAccountSettings }}
              />
            )}
            {view === 'calendar' && (
              <Suspense fallback={<div className="page muted" role="status">Opening the calendar…</div>}>
                <CalendarView onAddAccount={() => setAddingAccount('dav')} openRequest={calendarOpen} />
              </Suspense>
            )}
            {view === 'contacts' && <ContactsView onAddAccount={() => setAddingAccount('dav')} />}
            {view === 'assistant' && <Placeholder icon="assistant" title="Assistant">Ask questions about your mail and calendar; answers cite your messages and nothing is sent without your confirmation. Coming after search is complete.</Placeholder>}
            {view === 'settings' && <SettingsView theme={theme} onTheme={setTheme} accounts={folders.accounts} focusAccountId={settingsAccount} onAccountRemoved={folders.reload} onAddAccount={() => setAddingAccount(true)} />}
          </ErrorBoundary>
        </main>
      </div>
      <input
        ref={fileRef}
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden-input"
        data-testid="import-input"
        aria-label="Choose mail files to import"
        tabIndex={-1}
        onChange={(e) => {
          acceptFiles(e.currentTarget.files);
          e.currentTarget.value = ''; // the same file can be picked again
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <Icon name="upload" size={40} />
          <p>Drop .mbox or .eml files to import them</p>
        </div>
      )}
      <ImportPanel jobs={jobs} onClose={clearFinished} onOpenFolder={(id) => {
        setView('mail');
        setFolderId(id);
      }} />
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
      {addingAccount && <AddAccountDialog initialKind={addingAccount === 'dav' ? 'dav' : 'mail'} onClose={() => setAddingAccount(false)} onAdded={accountAdded} onDavAdded={(account) => {
        setAddingAccount(false);
        notify({ level: 'info', message: `Added ${account.name}: ${account.calendars} calendar${account.calendars === 1 ? '' : 's'}, ${account.addressBooks} address book${account.addressBooks === 1 ? '' : 's'}. Events arrive in the background.` });
        // Added from Contacts: stay there, the address books fill in as they sync.
        setView((v) => (v === 'contacts' ? v : 'calendar'));
      }} />}
      <Toasts />
    </div>
    </ComposeProvider>
  );
}
