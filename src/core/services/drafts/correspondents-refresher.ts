import type { EventHub } from '../../events';
import type { CorrespondentRepository } from '../../store/draft-correspondents';

const SETTLE_MS = 2_000;
const CHUNK = 5_000;

/**
 * Counts newly stored mail into the correspondents table a moment after it arrives (and once at
 * start, for mail stored before this version), in chunks that each hold the database only
 * briefly, so autocomplete rarely has anything left to catch up on a keystroke.
 */
export function keepCorrespondentsCurrent(events: EventHub, correspondents: CorrespondentRepository): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const step = () => {
    timer = undefined;
    if (stopped) return;
    let remaining: number;
    try {
      remaining = correspondents.catchUp(CHUNK);
    } catch {
      return; // the profile is closing or busy: the next change or keystroke catches up
    }
    if (remaining > 0) schedule(10);
  };
  const schedule = (ms: number) => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(step, ms);
    timer.unref();
  };
  const off = events.on('mail.changed', () => schedule(SETTLE_MS));
  schedule(SETTLE_MS);
  return () => {
    stopped = true;
    off();
    if (timer !== undefined) clearTimeout(timer);
  };
}
