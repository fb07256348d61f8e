import { useEffect, useMemo } from 'react';
import type { Message } from '../../../shared/api/mail';
import { Icon } from '../app/Icon';
import { useOptionalCompose, type ReplyTarget } from './compose-context';

/**
 * The message r / a / f act on: the newest one of the open conversation that is not the user's
 * own draft. Registered with the composer while the conversation is shown.
 */
export function useReplyTarget(threadId: number | null, messages: Message[]): ReplyTarget | null {
  const compose = useOptionalCompose();
  const last = messages.length > 0 ? messages[messages.length - 1] : null;
  const target = useMemo(() => (threadId !== null && last ? { messageId: last.id, threadId } : null), [threadId, last]);
  const setReplyTarget = compose?.setReplyTarget;
  useEffect(() => {
    if (!setReplyTarget) return;
    setReplyTarget(target);
    return () => setReplyTarget(null);
  }, [setReplyTarget, target]);
  return compose ? target : null;
}

/** Reply, Reply all, Forward: in the reader's header (icons) and under the conversation (buttons). */
export function ReplyButtons({ target, variant }: { target: ReplyTarget; variant: 'header' | 'footer' }) {
  const compose = useOptionalCompose();
  if (!compose) return null;
  // Under the conversation the buttons give way to the reply being written there.
  if (variant === 'footer' && compose.current?.placement === 'inline' && compose.current.threadId === target.threadId) return null;
  const items = [
    { mode: 'reply' as const, label: 'Reply', key: 'r', icon: 'reply' as const },
    { mode: 'reply-all' as const, label: 'Reply all', key: 'a', icon: 'replyAll' as const },
    { mode: 'forward' as const, label: 'Forward', key: 'f', icon: 'forward' as const },
  ];
  return (
    <div className={`reply-buttons reply-buttons-${variant}`} role="group" aria-label="Reply">
      {items.map((i) => (
        <button
          key={i.mode}
          type="button"
          className={variant === 'header' ? 'icon-button action-button' : 'button'}
          aria-label={`${i.label} (${i.key})`}
          title={`${i.label} (${i.key})`}
          data-testid={`${variant === 'header' ? 'reader' : 'footer'}-${i.mode}`}
          onClick={() => compose.reply(i.mode, target)}
        >
          <Icon name={i.icon} size={16} />
          {variant === 'footer' && i.label}
        </button>
      ))}
    </div>
  );
}

/** "Edit draft" for a message in the server's Drafts folder (saved by another client or computer). */
export function EditDraftButton() {
  const compose = useOptionalCompose();
  if (!compose) return null;
  return (
    <button type="button" className="button small primary" data-testid="edit-server-draft" onClick={() => compose.editServerDraft()}>
      <Icon name="pencil" size={14} />Edit draft
    </button>
  );
}
