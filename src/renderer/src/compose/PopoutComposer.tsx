import { ErrorBoundary } from '../app/ErrorBoundary';
import type { OpenComposer } from './compose-context';
import { Composer } from './Composer';

/** The larger composer, floating over the app (browser mode has no separate windows). */
export function PopoutComposer({ open }: { open: OpenComposer }) {
  return (
    <div className="compose-overlay">
      <div className="compose-window" role="dialog" aria-modal="true" aria-label="Compose message" data-testid="compose-window">
        <ErrorBoundary area="the composer">
          <Composer key={`${open.session.draftId}-popout`} open={open} />
        </ErrorBoundary>
      </div>
    </div>
  );
}
