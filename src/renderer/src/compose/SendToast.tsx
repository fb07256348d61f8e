import { useEffect, useState } from 'react';
import type { OutboxState } from '../../../shared/api/compose';
import { Icon } from '../app/Icon';

export interface SentEntry {
  outboxId: number;
  draftId: number;
  subject: string;
  undoUntil: number;
  scheduled: boolean;
  state: OutboxState;
  reason: string | null;
}

/** Seconds left to undo, rounded up so "1 s" shows until the very end. */
export function secondsLeft(undoUntil: number, now: number): number {
  return Math.max(0, Math.ceil((undoUntil - now) / 1000));
}

function label(entry: SentEntry, left: number): string {
  const what = entry.subject ? `“${entry.subject}”` : 'Message';
  if (entry.scheduled) return `${what} scheduled for ${new Date(entry.undoUntil).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
  switch (entry.state) {
    case 'sent':
      return `${what} sent`;
    case 'sending':
      return `Sending ${what}…`;
    case 'failed':
      return `${what} not sent${entry.reason ? `: ${entry.reason}` : ''}`;
    case 'cancelled':
      return `${what} cancelled`;
    default:
      return left > 0 ? `Sending ${what} in ${left} s` : `Sending ${what}…`;
  }
}

/** "Sending in 8 s — Undo": counts down the undo window, then follows the outbox until it is sent. */
export function SendToast({ entry, onUndo, onDismiss }: { entry: SentEntry; onUndo(): void; onDismiss(): void }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const left = secondsLeft(entry.undoUntil, now);
  const canUndo = (entry.state === 'queued' || entry.state === 'scheduled') && (entry.scheduled || left > 0);
  // A finished send lingers briefly, then goes.
  useEffect(() => {
    if (entry.state !== 'sent' && entry.state !== 'cancelled') return;
    const t = setTimeout(onDismiss, 4000);
    return () => clearTimeout(t);
  }, [entry.state, onDismiss]);
  return (
    <div className={`undo-toast send-toast${entry.state === 'failed' ? ' failed' : ''}`} role="status" data-testid="send-toast" data-state={entry.state}>
      <Icon name={entry.state === 'failed' ? 'alert' : entry.state === 'sent' ? 'check' : 'send'} size={16} />
      <span className="undo-label">{label(entry, left)}</span>
      {canUndo && (
        <button type="button" className="button small undo-button" data-testid="undo-send" onClick={onUndo}>
          <Icon name="undo" size={14} />{entry.scheduled ? 'Cancel' : 'Undo'}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}><Icon name="close" size={14} /></button>
    </div>
  );
}
