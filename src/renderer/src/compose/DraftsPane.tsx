import { useCallback, useState } from 'react';
import type { DraftSummary } from '../../../shared/api/compose';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { describeError } from '../app/describe-error';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { formatListDate } from '../format/date';
import { useCompose } from './compose-context';
import { useLiveList } from './useLiveList';

const REMOTE_LABEL: Record<DraftSummary['remote'], string> = { 'local-only': 'On this computer', pending: 'Saving to server…', synced: 'Saved to server' };

/** Drafts kept in the profile (they survive restarts and crashes); a click reopens the composer. */
export function DraftsPane() {
  const { api, reportError } = useServices();
  const { openDraft, current } = useCompose();
  const list = useLiveList(useCallback(() => api.compose.listDrafts({}), [api]), 'compose.draftsChanged');
  const [confirm, setConfirm] = useState<DraftSummary | null>(null);
  const now = Date.now();
  const error = list.error ? describeError(list.error, 'list your drafts') : null;

  return (
    <section className="list-pane compose-list-pane" aria-label="Drafts" data-testid="drafts-pane">
      <header className="list-header"><h2>Drafts</h2>{list.items && <span className="muted">{list.items.length} {list.items.length === 1 ? 'draft' : 'drafts'}</span>}</header>
      {error && <div className="list-error" role="alert"><p>{error.message}</p>{error.hint && <p className="muted">{error.hint}</p>}<button type="button" className="button small" onClick={list.reload}>Try again</button></div>}
      {list.items?.length === 0 && <div className="list-empty"><Icon name="drafts" size={28} /><p>No drafts. Press <kbd>c</kbd> to write a message.</p></div>}
      <ul className="compose-rows">
        {list.items?.map((d) => (
          <li key={d.id} className={`compose-row${current?.session.draftId === d.id ? ' open' : ''}`} data-testid="draft-row" data-draft-id={d.id}>
            <button type="button" className="compose-row-main" onClick={() => openDraft(d.id)}>
              <span className="compose-row-to">{d.to.length > 0 ? d.to.join(', ') : '(no recipients)'}</span>
              <span className="compose-row-subject">{d.subject || '(no subject)'}</span>
              <span className="compose-row-snippet muted">{d.snippet}</span>
              <span className="compose-row-meta muted">{formatListDate(d.updatedAt, now)} · {REMOTE_LABEL[d.remote]}</span>
            </button>
            <button type="button" className="icon-button" aria-label={`Discard draft ${d.subject || ''}`} data-testid="draft-discard" onClick={() => setConfirm(d)}>
              <Icon name="trash" size={15} />
            </button>
          </li>
        ))}
      </ul>
      {confirm && (
        <ConfirmDialog title="Discard this draft?" body={`“${confirm.subject || '(no subject)'}” is deleted here and from the server's Drafts folder. This cannot be undone.`} confirmLabel="Discard" danger onCancel={() => setConfirm(null)} onConfirm={() => {
          const d = confirm;
          setConfirm(null);
          api.compose.discardDraft({ draftId: d.id }).then(list.reload, (err: unknown) => reportError(err, 'discard the draft'));
        }} />
      )}
    </section>
  );
}
