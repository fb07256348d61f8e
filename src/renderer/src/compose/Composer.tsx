import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { Template } from '../../../shared/api/compose';
import { PmsyncError } from '../../../shared/errors';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { Icon } from '../app/Icon';
import { describeError, type ErrorNotice } from '../app/describe-error';
import { useServices } from '../app/services';
import { parseAddress } from './address-chips';
import { AddressField } from './AddressField';
import { AttachmentList } from './AttachmentList';
import { statusLabel } from './autosave';
import { ComposeFooter } from './ComposeFooter';
import { useCompose, type OpenComposer } from './compose-context';
import { useCidUrls, useUploads } from './compose-hooks';
import type { DraftFields } from './draft-session';
import { Editor } from './Editor';
import type { EditorHandle } from './EditorPlugins';
import { isBlankHtml } from './html-helpers';
import { CidUrlContext } from './ImageNode';

function isConflict(err: unknown): boolean {
  return err instanceof PmsyncError && err.code === 'CONFLICT';
}

const TITLES = { new: 'New message', reply: 'Reply', 'reply-all': 'Reply all', forward: 'Forward' } as const;

/** Problems worth stopping a send for, said at the composer before the core is asked. */
export function sendProblem(fields: Pick<DraftFields, 'to' | 'cc' | 'bcc'>): string | null {
  const all = [...fields.to, ...fields.cc, ...fields.bcc];
  if (all.length === 0) return 'Add at least one recipient in To, Cc or Bcc.';
  const bad = all.map(parseAddress).filter((c) => !c.valid);
  if (bad.length > 0) return `Correct or remove ${bad.map((c) => `“${c.text}”`).join(', ')}: not a valid email address.`;
  return null;
}

/** The composer: from, recipients, subject, rich body, attachments; autosaves as you type. */
export function Composer({ open }: { open: OpenComposer }) {
  const { accounts, close, discard, setPlacement, afterSend } = useCompose();
  const { reportError } = useServices();
  const { session } = open;
  const [fields, setFields] = useState<DraftFields>(session.fields);
  const [showCc, setShowCc] = useState(fields.cc.length > 0);
  const [showBcc, setShowBcc] = useState(fields.bcc.length > 0);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<ErrorNotice | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const editor = useRef<EditorHandle>(null);
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const cid = useCidUrls(snap.attachments);
  const { uploading, addFiles } = useUploads(session, editor, cid.register);

  const update = useCallback((changes: Partial<DraftFields>) => {
    setFields((f) => ({ ...f, ...changes }));
    session.update(changes);
  }, [session]);
  const onHtml = useCallback((html: string) => session.update({ html }), [session]);
  const onFiles = useCallback((files: File[], placement: 'inline' | 'attachment') => void addFiles(files, placement), [addFiles]);

  const send = async (sendAt?: number) => {
    const p = sendProblem(session.fields);
    if (p) return setProblem({ message: p });
    if (uploading.length > 0) return setProblem({ message: 'Wait until the attachments finish adding, then send.' });
    setProblem(null);
    setSending(true);
    try {
      const r = await session.send(sendAt);
      afterSend({ outboxId: r.outboxId, undoUntil: r.undoUntil, subject: session.fields.subject, draftId: session.draftId, scheduled: sendAt !== undefined });
    } catch (err) {
      setProblem(describeError(err, 'send the message'));
      setSending(false);
    }
  };

  const insertTemplate = (t: Template) => {
    editor.current?.insertHtml(t.html);
    if (!session.fields.subject && t.subject) update({ subject: t.subject });
  };

  const status = snap.status;
  const statusError = status.kind === 'error' ? describeError(status.error, 'save the draft') : null;
  const inline = open.placement === 'inline';

  return (
    <div
      className={`composer composer-${open.placement}`}
      data-testid="composer"
      data-draft-id={session.draftId}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
          e.preventDefault();
          void send();
        } else if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          close();
        }
      }}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        e.stopPropagation(); // not the app's "import mail" drop target
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        void addFiles([...e.dataTransfer.files], 'attachment');
      }}
    >
      <header className="composer-header">
        <h2>{TITLES[session.draft.mode]}{fields.subject ? `: ${fields.subject}` : ''}</h2>
        <span className={`save-status save-${status.kind}`} data-testid="save-status" role="status" title={statusError ? `${statusError.message} ${statusError.hint ?? ''}` : undefined}>
          {statusLabel(status)}
          {statusError && (isConflict(status.kind === 'error' ? status.error : null)
            ? <button type="button" className="link-button" data-testid="keep-mine" onClick={() => void session.keepMine().catch((err: unknown) => reportError(err, 'save the draft'))}>Keep this version</button>
            : <button type="button" className="link-button" onClick={() => void session.flush().catch((err: unknown) => reportError(err, 'save the draft'))}>Retry</button>)}
        </span>
        {(inline || open.threadId !== null) && (
          <button type="button" className="icon-button" aria-label={inline ? 'Pop out' : 'Back into the conversation'} title={inline ? 'Pop out' : 'Back into the conversation'} data-testid="compose-popout" onClick={() => setPlacement(inline ? 'popout' : 'inline')}>
            <Icon name={inline ? 'upload' : 'download'} size={15} />
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Close (draft is kept) (Esc)" title="Close — the draft is kept (Esc)" data-testid="compose-close" onClick={close}>
          <Icon name="close" size={16} />
        </button>
      </header>
      {open.notice && <p className="compose-notice" role="alert" data-testid="compose-notice"><Icon name="alert" size={14} />{open.notice}</p>}
      {statusError && <p className="compose-notice" role="alert" data-testid="save-error">{statusError.message} {statusError.hint}</p>}
      <div className="composer-fields">
        {accounts.length > 1 && (
          <label className="compose-from">
            <span className="address-label">From</span>
            <select value={fields.accountId} data-testid="compose-from" onChange={(e) => update({ accountId: Number(e.target.value) })}>
              {accounts.map((a) => <option key={a.id} value={a.id}>{a.name}{a.email && a.email !== a.name ? ` <${a.email}>` : ''}</option>)}
            </select>
          </label>
        )}
        <div className="address-row">
          <AddressField label="To" values={fields.to} onChange={(to) => update({ to })} testId="compose-to" autoFocus={session.draft.mode === 'new' || session.draft.mode === 'forward'} />
          <span className="cc-toggles">
            {!showCc && <button type="button" className="link-button" data-testid="show-cc" onClick={() => setShowCc(true)}>Cc</button>}
            {!showBcc && <button type="button" className="link-button" data-testid="show-bcc" onClick={() => setShowBcc(true)}>Bcc</button>}
          </span>
        </div>
        {showCc && <AddressField label="Cc" values={fields.cc} onChange={(cc) => update({ cc })} testId="compose-cc" />}
        {showBcc && <AddressField label="Bcc" values={fields.bcc} onChange={(bcc) => update({ bcc })} testId="compose-bcc" />}
        <label className="compose-subject">
          <span className="address-label">Subject</span>
          <input value={fields.subject} data-testid="compose-subject" maxLength={2000} onChange={(e) => update({ subject: e.target.value.replace(/[\r\n]+/g, ' ') })} />
        </label>
      </div>
      <CidUrlContext.Provider value={cid.resolve}>
        <Editor initialHtml={session.fields.html} onHtml={onHtml} onFiles={onFiles} handleRef={editor} label="Message body" autoFocus={session.draft.mode === 'reply' || session.draft.mode === 'reply-all'} />
      </CidUrlContext.Provider>
      <AttachmentList session={session} uploading={uploading} onRemove={(id) => void session.removeAttachment(id).catch((err: unknown) => reportError(err, 'remove the attachment'))} />
      {problem && <p className="compose-problem field-error" role="alert" data-testid="compose-problem">{problem.message}{problem.hint ? ` ${problem.hint}` : ''}</p>}
      <ComposeFooter session={session} sending={sending} onSend={(at) => void send(at)} onFiles={(files) => void addFiles(files, 'attachment')} onInsertTemplate={insertTemplate} onDiscard={() => {
        // An untouched, empty draft goes without asking.
        if (isBlankHtml(session.fields.html) && !session.fields.subject && session.fields.to.length === 0 && snap.attachments.length === 0) discard();
        else setConfirmDiscard(true);
      }} />
      {confirmDiscard && (
        <ConfirmDialog title="Discard this draft?" body="The draft and its attachments are deleted here and from the server's Drafts folder. This cannot be undone." confirmLabel="Discard" danger onCancel={() => setConfirmDiscard(false)} onConfirm={() => {
          setConfirmDiscard(false);
          discard();
        }} />
      )}
    </div>
  );
}
