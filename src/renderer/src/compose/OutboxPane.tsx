import { useCallback } from 'react';
import type { OutboxEntry, OutboxState } from '../../../shared/api/compose';
import { describeError } from '../app/describe-error';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { formatFullDate } from '../format/date';
import { useCompose } from './compose-context';
import { useLiveList } from './useLiveList';

const STATE_LABEL: Record<OutboxState, string> = {
  queued: 'Waiting to send',
  scheduled: 'Scheduled',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  cancelled: 'Cancelled',
};

/** What a row says about when it goes. */
export function outboxWhen(entry: Pick<OutboxEntry, 'state' | 'dueAt' | 'attempts'>, now: number): string {
  if (entry.state === 'scheduled') return `Sends ${formatFullDate(entry.dueAt)}`;
  if (entry.state === 'queued') return entry.dueAt > now ? `Next try ${formatFullDate(entry.dueAt)}` : 'Goes out when the server is reachable';
  if (entry.state === 'failed') return entry.attempts > 0 ? `After ${entry.attempts} ${entry.attempts === 1 ? 'try' : 'tries'}` : '';
  return '';
}

const EDITABLE: OutboxState[] = ['queued', 'scheduled', 'failed'];
const CANCELLABLE: OutboxState[] = ['queued', 'scheduled'];

/** Mail waiting to go out (offline, scheduled, retrying, failed) with the reason; cancel or take back to edit. */
export function OutboxPane() {
  const { api, reportError } = useServices();
  const { editOutbox } = useCompose();
  const list = useLiveList(useCallback(() => api.compose.listOutbox({}), [api]), 'compose.outboxChanged');
  const error = list.error ? describeError(list.error, 'list the outbox') : null;
  const now = Date.now();
  const waiting = list.items?.filter((e) => e.state !== 'sent' && e.state !== 'cancelled') ?? null;

  return (
    <section className="list-pane compose-list-pane" aria-label="Outbox" data-testid="outbox-pane">
      <header className="list-header"><h2>Outbox</h2>{waiting && <span className="muted">{waiting.length} waiting</span>}</header>
      {error && <div className="list-error" role="alert"><p>{error.message}</p>{error.hint && <p className="muted">{error.hint}</p>}<button type="button" className="button small" onClick={list.reload}>Try again</button></div>}
      {waiting?.length === 0 && <div className="list-empty"><Icon name="send" size={28} /><p>Nothing waiting to be sent.</p></div>}
      <ul className="compose-rows">
        {waiting?.map((e) => (
          <li key={e.id} className={`compose-row outbox-${e.state}`} data-testid="outbox-row" data-state={e.state}>
            <div className="compose-row-main">
              <span className="compose-row-to">{e.recipients.join(', ')}</span>
              <span className="compose-row-subject">{e.subject || '(no subject)'}</span>
              <span className={`outbox-state state-${e.state}`} data-testid="outbox-state">{STATE_LABEL[e.state]}</span>
              <span className="compose-row-meta muted">{outboxWhen(e, now)}</span>
              {e.reason && <span className="outbox-reason" data-testid="outbox-reason">{e.reason}</span>}
            </div>
            <span className="outbox-actions">
              {EDITABLE.includes(e.state) && <button type="button" className="button small" data-testid="outbox-edit" onClick={() => editOutbox(e.id)}>Edit</button>}
              {CANCELLABLE.includes(e.state) && (
                <button type="button" className="button small ghost" data-testid="outbox-cancel" onClick={() => api.compose.undoSend({ outboxId: e.id }).then(list.reload, (err: unknown) => reportError(err, 'cancel the send'))}>Cancel send</button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
