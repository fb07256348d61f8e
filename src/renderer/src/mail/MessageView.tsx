import { useCallback, useState } from 'react';
import type { Address, Message } from '../../../shared/api/mail';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { formatFullDate, formatListDate } from '../format/date';
import { Attachments } from './Attachments';
import { HtmlBody } from './HtmlBody';
import { InvitationCard, mayCarryInvitation } from './InvitationCard';
import type { SanitizedMail } from './sanitize-mail-html';
import { TextBody } from './TextBody';

function person(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

function AddressLine({ label, list }: { label: string; list: Address[] }) {
  if (list.length === 0) return null;
  return (
    <div className="addr-line">
      <span className="addr-label">{label}</span>
      <span className="addr-value">{list.map(person).join(', ')}</span>
    </div>
  );
}

function RemoteContentBar({ message, onAllowed }: { message: Message; onAllowed(): void }) {
  const { api, reportError } = useServices();
  const [busy, setBusy] = useState(false);
  const allow = async (scope: 'message' | 'sender') => {
    setBusy(true);
    try {
      await api.mail.allowRemoteContent({ messageId: message.id, scope });
      onAllowed();
    } catch (err) {
      reportError(err, 'allow remote content');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="remote-bar" data-testid="remote-content-banner" role="status">
      <Icon name="shield" size={16} />
      <span className="remote-bar-text">Remote content blocked to protect your privacy.</span>
      <span className="remote-bar-actions">
        <button type="button" className="button small" data-testid="load-remote-button" disabled={busy} onClick={() => void allow('message')}>
          Load for this message
        </button>
        {message.from?.address && (
          <button type="button" className="button small" data-testid="allow-sender-button" disabled={busy} onClick={() => void allow('sender')}>
            Always for {message.from.address}
          </button>
        )}
      </span>
    </div>
  );
}

interface Props {
  message: Message;
  expanded: boolean;
  onToggle(): void;
  onRemoteAllowed(): void;
}

export function MessageView({ message, expanded, onToggle, onRemoteAllowed }: Props) {
  const [blockedInHtml, setBlockedInHtml] = useState(0);
  const onSanitized = useCallback((r: SanitizedMail) => setBlockedInHtml(r.blocked), []);
  const from = message.from ? message.from.name || message.from.address : '(no sender)';

  if (!expanded) {
    return (
      <article className="message collapsed" data-testid="message" data-message-id={message.id}>
        <button type="button" className="message-collapsed" onClick={onToggle} aria-expanded={false}>
          <span className="message-from">{from}</span>
          <span className="message-snippet">{message.snippet}</span>
          <span className="message-date">{formatListDate(message.date, Date.now())}</span>
        </button>
      </article>
    );
  }

  const showRemoteBar = message.bodyHtml !== null && !message.remoteContentAllowed && (message.hasRemoteContent || blockedInHtml > 0);
  return (
    <article className="message" data-testid="message" data-message-id={message.id}>
      <header className="message-header">
        <button type="button" className="avatar" aria-label={`Collapse message from ${from}`} onClick={onToggle}>
          {(from.trim()[0] ?? '?').toUpperCase()}
        </button>
        <div className="message-meta">
          <div className="message-topline">
            <span className="message-from" title={message.from?.address}>{from}</span>
            {message.from?.name && <span className="message-address">&lt;{message.from.address}&gt;</span>}
            {message.flagged && <span className="flagged" title="Flagged"><Icon name="flag" size={14} filled /></span>}
            <time className="message-date" dateTime={new Date(message.date).toISOString()}>{formatFullDate(message.date)}</time>
          </div>
          <AddressLine label="To" list={message.to} />
          <AddressLine label="Cc" list={message.cc} />
        </div>
      </header>
      {showRemoteBar && <RemoteContentBar message={message} onAllowed={onRemoteAllowed} />}
      {mayCarryInvitation(message) && <InvitationCard messageId={message.id} />}
      <div className="message-body">
        {message.bodyHtml !== null ? <HtmlBody message={message} onSanitized={onSanitized} /> : <TextBody text={message.bodyText} />}
      </div>
      <Attachments attachments={message.attachments} />
    </article>
  );
}
