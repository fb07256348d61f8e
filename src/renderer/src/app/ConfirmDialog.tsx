import { useEffect, useRef } from 'react';
import { useEscapeKey } from './useEscapeKey';

/** A small modal question; Enter confirms (focus starts on the confirm button), Esc cancels. */
export function ConfirmDialog({ title, body, confirmLabel, danger, onConfirm, onCancel }: { title: string; body: string; confirmLabel: string; danger?: boolean; onConfirm(): void; onCancel(): void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  useEscapeKey(onCancel);
  return (
    <div className="overlay" onMouseDown={onCancel}>
      <div className="dialog confirm" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog" onMouseDown={(e) => e.stopPropagation()}>
        <div className="dialog-body">
          <h2 id="confirm-title">{title}</h2>
          <p className="muted">{body}</p>
          <footer className="dialog-footer">
            <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>
            <button ref={confirmRef} type="button" className={`button ${danger ? 'danger' : 'primary'}`} data-testid="confirm-button" onClick={onConfirm}>{confirmLabel}</button>
          </footer>
        </div>
      </div>
    </div>
  );
}
