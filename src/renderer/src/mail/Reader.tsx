import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Message, ThreadSummary } from '../../../shared/api/mail';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { describeError } from '../app/describe-error';
import { MessageView } from './MessageView';
import { InlineComposeSlot } from '../compose/InlineComposeSlot';
import { ReplyButtons, useReplyTarget } from '../compose/ReplyButtons';

interface Props {
  threadId: number | null;
  folderId: number | null;
  onClose(): void;
  /** Archive, delete, flag… for the open conversation. */
  toolbar?: ReactNode;
}

type ReaderState =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string; hint?: string }
  | { kind: 'ready'; thread: ThreadSummary; messages: Message[] };

/** Older, already-read messages start collapsed; unread ones and the newest are open. */
function initiallyExpanded(messages: Message[]): Set<number> {
  const open = new Set(messages.filter((m) => m.unread).map((m) => m.id));
  if (messages.length > 0) open.add(messages[messages.length - 1].id);
  return open;
}

export function Reader({ threadId, folderId, onClose, toolbar }: Props) {
  const { api } = useServices();
  const [state, setState] = useState<ReaderState>({ kind: 'empty' });
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [reloadCount, setReloadCount] = useState(0);

  useEffect(() => {
    if (threadId === null) {
      setState({ kind: 'empty' });
      return;
    }
    let live = true;
    setState((s) => (s.kind === 'ready' && s.thread.id === threadId ? s : { kind: 'loading' }));
    api.mail.getThread({ threadId, folderId: folderId ?? undefined }).then(
      ({ thread, messages }) => {
        if (!live) return;
        setState({ kind: 'ready', thread, messages });
        setExpanded((prev) => (reloadCount > 0 ? new Set([...prev, ...initiallyExpanded(messages)]) : initiallyExpanded(messages)));
        const unread = messages.filter((m) => m.unread).map((m) => m.id);
        // Opening a thread reads it. A failure here is not worth a toast: the mail is shown.
        if (unread.length > 0) api.mail.setRead({ messageIds: unread, read: true }).catch((err: unknown) => console.warn('[renderer] mark as read failed', err));
      },
      (err: unknown) => {
        if (live) setState({ kind: 'error', ...describeError(err, 'open this conversation') });
      },
    );
    return () => {
      live = false;
    };
    // reloadCount re-runs the fetch after the user allowed remote content.
  }, [api, threadId, folderId, reloadCount]);

  const reload = useCallback(() => setReloadCount((n) => n + 1), []);
  // r / a / f answer the newest message of the conversation shown.
  const replyTo = useReplyTarget(state.kind === 'ready' ? state.thread.id : null, state.kind === 'ready' ? state.messages : []);

  if (state.kind === 'empty') {
    return (
      <section className="reader reader-empty" aria-label="Reading pane">
        <Icon name="mail" size={40} />
        <p>Select a conversation to read it.</p>
        <p className="muted kbd-hint"><kbd>j</kbd> <kbd>k</kbd> to move, <kbd>Enter</kbd> to open, <kbd>/</kbd> to search, <kbd>Ctrl</kbd>+<kbd>K</kbd> for commands</p>
      </section>
    );
  }
  if (state.kind === 'loading') return <section className="reader reader-empty" aria-label="Reading pane" aria-busy="true"><p className="muted">Loading conversation…</p></section>;
  if (state.kind === 'error') {
    return (
      <section className="reader reader-empty" aria-label="Reading pane" role="alert">
        <Icon name="alert" size={32} />
        <p>{state.message}</p>
        {state.hint && <p className="muted">{state.hint}</p>}
        <button type="button" className="button" onClick={reload}>Try again</button>
      </section>
    );
  }

  const { thread, messages } = state;
  return (
    <section className="reader" aria-label="Reading pane" data-testid="reader">
      <header className="reader-header">
        <button type="button" className="icon-button" aria-label="Close conversation (Esc)" title="Close (Esc)" onClick={onClose}>
          <Icon name="back" size={16} />
        </button>
        <h1 className="reader-subject">{thread.subject || '(no subject)'}</h1>
        {messages.length > 1 && <span className="reader-count">{messages.length} messages</span>}
        {replyTo && <ReplyButtons target={replyTo} variant="header" />}
        {toolbar}
      </header>
      <div className="reader-scroll">
        {messages.map((m) => (
          <ErrorBoundary key={m.id} area="this message">
            <MessageView
              message={m}
              expanded={expanded.has(m.id)}
              onToggle={() => setExpanded((prev) => {
                const next = new Set(prev);
                if (next.has(m.id)) next.delete(m.id);
                else next.add(m.id);
                return next;
              })}
              onRemoteAllowed={reload}
            />
          </ErrorBoundary>
        ))}
        <InlineComposeSlot threadId={thread.id} />
        {replyTo && <ReplyButtons target={replyTo} variant="footer" />}
      </div>
    </section>
  );
}
