import { Icon, type IconName } from '../app/Icon';

export interface ActionHandlers {
  onArchive(): void;
  onDelete(): void;
  onMove(): void;
  onToggleFlag(): void;
  onToggleUnread(): void;
}

interface Props extends ActionHandlers {
  flagged: boolean;
  unread: boolean;
  /** Compact icon-only buttons for list rows; the reader shows the same set. */
  variant: 'reader' | 'row' | 'selection';
  inTrash: boolean;
}

function ActionButton({ icon, label, keyHint, onClick, testId, filled }: { icon: IconName; label: string; keyHint: string; onClick(): void; testId: string; filled?: boolean }) {
  return (
    <button
      type="button"
      className={`icon-button action-button${filled ? ' active' : ''}`}
      aria-label={`${label} (${keyHint})`}
      title={`${label} (${keyHint})`}
      data-testid={testId}
      // Row buttons sit inside a clickable row: the click is the button's alone.
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      <Icon name={icon} size={16} filled={filled} />
    </button>
  );
}

/** Archive, Delete, Move, Flag, Unread: the same buttons and keys everywhere. */
export function ActionBar({ flagged, unread, variant, inTrash, onArchive, onDelete, onMove, onToggleFlag, onToggleUnread }: Props) {
  return (
    <div className={`action-bar action-bar-${variant}`} role="toolbar" aria-label="Conversation actions">
      <ActionButton icon="archive" label="Archive" keyHint="e" onClick={onArchive} testId="action-archive" />
      <ActionButton icon="trash" label={inTrash ? 'Delete forever' : 'Delete'} keyHint="#" onClick={onDelete} testId="action-delete" />
      {variant !== 'row' && <ActionButton icon="move" label="Move to…" keyHint="v" onClick={onMove} testId="action-move" />}
      <ActionButton icon="flag" label={flagged ? 'Remove flag' : 'Flag'} keyHint="s" onClick={onToggleFlag} testId="action-flag" filled={flagged} />
      <ActionButton icon={unread ? 'mailOpen' : 'mail'} label={unread ? 'Mark as read' : 'Mark as unread'} keyHint="u" onClick={onToggleUnread} testId="action-unread" />
    </div>
  );
}
