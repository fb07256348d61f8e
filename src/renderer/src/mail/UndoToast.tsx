import { Icon } from '../app/Icon';
import type { UndoEntry } from './undo-queue';

/** "Archived 3 conversations — Undo": Ctrl/Cmd+Z or z do the same as the button. */
export function UndoToast({ entry, onUndo, onDismiss }: { entry: UndoEntry | null; onUndo(): void; onDismiss(): void }) {
  if (!entry) return null;
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      <span className="undo-label">{entry.label}</span>
      <button type="button" className="button small undo-button" data-testid="undo-button" onClick={onUndo}>
        <Icon name="undo" size={14} />Undo <kbd>z</kbd>
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}><Icon name="close" size={14} /></button>
    </div>
  );
}
