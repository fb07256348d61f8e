import { useEffect, useRef, useState } from 'react';
import type { EditScope } from '../../../shared/api/calendar';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useEscapeKey } from '../app/useEscapeKey';
import { SCOPE_LABELS } from './scope';
import type { Question } from './useEventActions';

const VERBS = { move: 'Move', save: 'Save changes to', delete: 'Delete' } as const;

/** "This event / this and following / all events" for a recurring event, or a plain delete check. */
export function QuestionDialog({ question }: { question: Question }) {
  if (question.kind === 'confirm-delete') {
    return (
      <ConfirmDialog
        title={`Delete “${question.title}”?`}
        body="It is removed from this calendar here and on the server."
        confirmLabel="Delete"
        danger
        onConfirm={() => question.answer(true)}
        onCancel={() => question.answer(false)}
      />
    );
  }
  return <ScopeChoice question={question} />;
}

function ScopeChoice({ question }: { question: Extract<Question, { kind: 'scope' }> }) {
  const [scope, setScope] = useState<EditScope>(question.choices[0] ?? 'this');
  const okRef = useRef<HTMLButtonElement>(null);
  useEffect(() => okRef.current?.focus(), []);
  useEscapeKey(() => question.answer(null));
  const danger = question.verb === 'delete';
  return (
    <div className="overlay" onMouseDown={() => question.answer(null)}>
      <div className="dialog confirm" role="alertdialog" aria-modal="true" aria-labelledby="scope-title" data-testid="scope-dialog" onMouseDown={(e) => e.stopPropagation()}>
        <form className="dialog-body" onSubmit={(e) => {
          e.preventDefault();
          question.answer(scope);
        }}>
          <h2 id="scope-title">{VERBS[question.verb]} a repeating event</h2>
          <p className="muted">“{question.title}” repeats. Which occurrences?</p>
          <fieldset className="scope-choices">
            <legend className="cal-sr-only">Occurrences</legend>
            {question.choices.map((choice) => (
              <label key={choice} className="check-row">
                <input type="radio" name="scope" value={choice} checked={scope === choice} data-testid={`scope-${choice}`} onChange={() => setScope(choice)} />
                <span>{SCOPE_LABELS[choice]}</span>
              </label>
            ))}
          </fieldset>
          <footer className="dialog-footer">
            <button type="button" className="button ghost" onClick={() => question.answer(null)}>Cancel</button>
            <button ref={okRef} type="submit" className={`button ${danger ? 'danger' : 'primary'}`} data-testid="scope-confirm">{danger ? 'Delete' : 'OK'}</button>
          </footer>
        </form>
      </div>
    </div>
  );
}
