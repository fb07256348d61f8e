import type { ReactNode } from 'react';
import type { ThreadSummary } from '../../../shared/api/mail';
import { Icon } from '../app/Icon';
import { formatListDate } from '../format/date';

export const THREAD_ROW_HEIGHT = 76;

function senders(participants: string[]): string {
  if (participants.length === 0) return '(no sender)';
  if (participants.length <= 3) return participants.join(', ');
  return `${participants[0]} … ${participants.slice(-2).join(', ')}`;
}

export function ThreadRow({ thread, now, actions, selected = false, folderLabel }: { thread: ThreadSummary | undefined; now: number; actions?: ReactNode; selected?: boolean; folderLabel?: string }) {
  if (!thread) {
    return (
      <div className="row row-placeholder" aria-hidden="true">
        <span className="skeleton skeleton-line w40" />
        <span className="skeleton skeleton-line w70" />
      </div>
    );
  }
  const unread = thread.unreadCount > 0;
  return (
    <div className={`row thread-row${unread ? ' unread' : ''}${selected ? ' selected' : ''}`} data-testid="thread-row" data-thread-id={thread.id}>
      {actions && <div className="row-hover-actions">{actions}</div>}
      <div className="row-line">
        {selected && <span className="row-check" aria-label="Selected"><Icon name="check" size={12} /></span>}
        <span className="row-from" title={thread.participants.join(', ')}>{senders(thread.participants)}</span>
        {folderLabel && <span className="row-folder">{folderLabel}</span>}
        {thread.messageCount > 1 && <span className="row-count" aria-label={`${thread.messageCount} messages`}>{thread.messageCount}</span>}
        <span className="row-icons">
          {thread.hasAttachments && <span title="Has attachments"><Icon name="paperclip" size={14} /><span className="sr-only">Has attachments</span></span>}
          {thread.flagged && <span className="flagged" title="Flagged"><Icon name="flag" size={14} filled /><span className="sr-only">Flagged</span></span>}
        </span>
        <time className="row-date" dateTime={new Date(thread.lastDate).toISOString()}>{formatListDate(thread.lastDate, now)}</time>
      </div>
      <div className="row-subject">
        {unread && <span className="unread-dot" aria-label="Unread" />}
        {thread.subject || '(no subject)'}
      </div>
      <div className="row-snippet">{thread.snippet}</div>
    </div>
  );
}
