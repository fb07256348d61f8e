import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Draft } from '../../../shared/api/compose';
import type { Account } from '../../../shared/api/mail';
import { useServices } from '../app/services';
import { ComposeContext, type ComposeApi, type OpenComposer, type Placement, type ReplyTarget } from './compose-context';
import { DraftSession } from './draft-session';
import { PopoutComposer } from './PopoutComposer';
import { SendToast, type SentEntry } from './SendToast';
import '../styles/compose.css';

/**
 * Owns the one open composer, the pending-send toast, and the reactions to the outbox (a failed
 * send comes back as its draft with the server's reason). Accounts that can send are IMAP ones.
 */
export function ComposeProvider({ accounts, children }: { accounts: Account[]; children: ReactNode }) {
  const { api, client, notify, reportError } = useServices();
  const [current, setCurrent] = useState<OpenComposer | null>(null);
  const [sent, setSent] = useState<SentEntry | null>(null);
  const currentRef = useRef(current);
  currentRef.current = current;
  const replyTarget = useRef<ReplyTarget | null>(null);
  /** Sends from this window still in flight: outbox id → draft id. */
  const sentHere = useRef(new Map<number, number>());
  const senders = useMemo(() => accounts.filter((a) => a.kind === 'imap'), [accounts]);

  /** Saves and disposes the open draft; false when it could not be saved (the composer stays open). */
  const closeCurrent = useCallback(async (): Promise<boolean> => {
    const open = currentRef.current;
    if (!open) return true;
    try {
      await open.session.flush();
    } catch (err) {
      reportError(err, 'save the draft');
      return false;
    }
    open.session.dispose();
    if (currentRef.current === open) setCurrent(null);
    return true;
  }, [reportError]);

  const show = useCallback((draft: Draft, placement: Placement, threadId: number | null, notice: string | null = null) => {
    const why = notice ?? (draft.sendError ? `Not sent: ${draft.sendError}` : null);
    setCurrent({ session: new DraftSession(api, draft), placement, threadId, notice: why });
  }, [api]);

  const start = useCallback(async (make: () => Promise<Draft>, placement: Placement, threadId: number | null, doing: string, notice: string | null = null) => {
    if (!(await closeCurrent())) return;
    try {
      show(await make(), placement, threadId, notice);
    } catch (err) {
      reportError(err, doing);
    }
  }, [closeCurrent, show, reportError]);

  const compose = useCallback((accountId?: number) => {
    if (senders.length === 0) {
      notify({ level: 'warning', message: 'No account can send mail yet.', hint: 'Add an email account (Settings → Add email account…); imported mail cannot be answered from the local account.' });
      return;
    }
    void start(() => api.compose.createDraft({ mode: 'new', accountId: accountId ?? senders[0].id }), 'popout', null, 'start a new message');
  }, [api, senders, notify, start]);

  const reply = useCallback<ComposeApi['reply']>((mode, target) => {
    const t = target ?? replyTarget.current;
    if (!t) return false;
    void start(() => api.compose.createDraft({ mode, sourceMessageId: t.messageId }), 'inline', t.threadId, mode === 'forward' ? 'forward this message' : 'reply to this message');
    return true;
  }, [api, start]);

  // A message in the server's Drafts folder (saved elsewhere) opens as a local draft with the same Message-ID.
  const editServerDraft = useCallback(() => {
    const t = replyTarget.current;
    if (!t) return false;
    void start(() => api.compose.createDraft({ mode: 'new', sourceMessageId: t.messageId }), 'popout', null, 'open this draft for editing');
    return true;
  }, [api, start]);

  const openDraft = useCallback((draftId: number) => {
    void start(() => api.compose.getDraft({ draftId }), 'popout', null, 'open the draft');
  }, [api, start]);

  const editOutbox = useCallback((outboxId: number) => {
    void start(() => api.compose.editOutbox({ outboxId }), 'popout', null, 'take the message back for editing');
  }, [api, start]);

  const discard = useCallback(() => {
    const open = currentRef.current;
    if (!open) return;
    open.session.dispose();
    setCurrent(null);
    api.compose.discardDraft({ draftId: open.session.draftId }).then(
      () => notify({ level: 'info', message: 'Draft discarded.' }),
      (err: unknown) => reportError(err, 'discard the draft'),
    );
  }, [api, notify, reportError]);

  const afterSend = useCallback<ComposeApi['afterSend']>((r) => {
    const open = currentRef.current;
    if (open && open.session.draftId === r.draftId) {
      open.session.dispose();
      setCurrent(null);
    }
    sentHere.current.set(r.outboxId, r.draftId);
    setSent({ ...r, state: r.scheduled ? 'scheduled' : 'queued', reason: null });
  }, []);

  // The outbox reports progress; a permanent failure of a send from here reopens its draft with the reason.
  useEffect(() => client.on('compose.outboxChanged', (change) => {
    setSent((s) => (s && s.outboxId === change.outboxId ? { ...s, state: change.state, reason: change.reason } : s));
    if (change.state !== 'failed') return;
    // The core announces the failure itself (app.notice); a send from this window also comes back
    // as its draft, editable, with the server's reason above the fields.
    const draftId = sentHere.current.get(change.outboxId);
    if (draftId === undefined) return;
    sentHere.current.delete(change.outboxId);
    const reason = change.reason ?? 'The server refused the message.';
    void start(async () => {
      // The core settles the draft just after announcing the failure; the failed entry itself stays
      // in the Outbox. Only if the draft is still marked as queued after a moment is it taken back.
      for (let attempt = 0; attempt < 10; attempt++) {
        const draft = await api.compose.getDraft({ draftId });
        if (draft.outboxId === null) return draft;
        await new Promise((r) => setTimeout(r, 200));
      }
      return api.compose.editOutbox({ outboxId: change.outboxId });
    }, 'popout', null, 'reopen the message that failed', `Not sent: ${reason}`);
  }), [client, api, start]);

  // Closing or hiding the window must not lose the last keystrokes still waiting for the autosave pause.
  useEffect(() => {
    const save = () => {
      const open = currentRef.current;
      if (open?.session.hasUnsaved) open.session.flush().catch((err: unknown) => console.warn('[composer] save on hide failed', err));
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') save();
    };
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const undo = useCallback(async (entry: SentEntry) => {
    setSent(null);
    try {
      // Taking it back out of the outbox cancels the send and makes the draft editable again.
      if (!(await closeCurrent())) return;
      const draft = await api.compose.editOutbox({ outboxId: entry.outboxId });
      sentHere.current.delete(entry.outboxId);
      show(draft, 'popout', null);
    } catch (err) {
      reportError(err, 'undo the send');
    }
  }, [api, closeCurrent, show, reportError]);

  const value = useMemo<ComposeApi>(() => ({
    accounts: senders,
    current,
    compose,
    reply,
    openDraft,
    editServerDraft,
    editOutbox,
    close: () => void closeCurrent(),
    setPlacement: (placement) => setCurrent((c) => (c ? { ...c, placement } : c)),
    discard,
    setReplyTarget: (t) => {
      replyTarget.current = t;
    },
    afterSend,
  }), [senders, current, compose, reply, openDraft, editServerDraft, editOutbox, closeCurrent, discard, afterSend]);

  return (
    <ComposeContext.Provider value={value}>
      {children}
      {current?.placement === 'popout' && <PopoutComposer open={current} />}
      {sent && <SendToast entry={sent} onUndo={() => void undo(sent)} onDismiss={() => setSent(null)} />}
    </ComposeContext.Provider>
  );
}
