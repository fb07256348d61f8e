import { useCallback, useState } from 'react';
import type { EditScope, EventInstance } from '../../../shared/api/calendar';
import { useServices } from '../app/services';
import { timesForScope, type Span } from './scope';

export type Question =
  | { kind: 'scope'; verb: 'move' | 'save' | 'delete'; title: string; choices: EditScope[]; answer(scope: EditScope | null): void }
  | { kind: 'confirm-delete'; title: string; answer(ok: boolean): void };

/** What an event action needs to know about the occurrence it acts on. */
export interface Target {
  eventId: number;
  instanceStart: number;
  recurring: boolean;
  title: string;
}

export function targetOf(i: EventInstance): Target {
  return { eventId: i.eventId, instanceStart: i.instanceStart, recurring: i.recurring, title: i.title || '(No title)' };
}

/**
 * Moves, resizes and deletes, each asking what it must first: which occurrences of a recurring
 * event, or a plain "delete?" for a single one. One question at a time, rendered by the view.
 */
export function useEventActions() {
  const { api, reportError, notify } = useServices();
  const [question, setQuestion] = useState<Question | null>(null);

  const askScope = useCallback((verb: 'move' | 'save' | 'delete', title: string, choices: EditScope[] = ['this', 'following', 'all']) =>
    new Promise<EditScope | null>((resolve) => setQuestion({ kind: 'scope', verb, title, choices, answer: (scope) => {
      setQuestion(null);
      resolve(scope);
    } })), []);

  const confirmDelete = useCallback((title: string) =>
    new Promise<boolean>((resolve) => setQuestion({ kind: 'confirm-delete', title, answer: (ok) => {
      setQuestion(null);
      resolve(ok);
    } })), []);

  /** A drag or resize in the grid; `revert` puts the event back when cancelled or refused. */
  const move = useCallback(async (target: Target, occurrence: Span, moved: Span, revert: () => void) => {
    let scope: EditScope = 'all';
    if (target.recurring) {
      const chosen = await askScope('move', target.title);
      if (!chosen) return revert();
      scope = chosen;
    }
    try {
      let series: Span | null = null;
      if (target.recurring && scope === 'all') {
        const s = await api.calendar.getEvent({ eventId: target.eventId });
        series = { start: s.start, end: s.end, allDay: s.allDay };
      }
      const times = timesForScope(scope, occurrence, moved, series);
      await api.calendar.updateEvent({
        eventId: target.eventId,
        ...(target.recurring ? { instanceStart: target.instanceStart } : {}),
        scope,
        changes: { start: times.start, end: times.end, allDay: times.allDay },
      });
    } catch (err) {
      revert();
      reportError(err, 'move the event');
    }
  }, [api, askScope, reportError]);

  /** Deletes after asking; resolves true when something was deleted. */
  const remove = useCallback(async (target: Target): Promise<boolean> => {
    let scope: EditScope = 'all';
    if (target.recurring) {
      const chosen = await askScope('delete', target.title);
      if (!chosen) return false;
      scope = chosen;
    } else if (!(await confirmDelete(target.title))) {
      return false;
    }
    try {
      await api.calendar.deleteEvent({ eventId: target.eventId, ...(target.recurring ? { instanceStart: target.instanceStart } : {}), scope });
      notify({ level: 'info', message: `Deleted “${target.title}”${target.recurring && scope !== 'all' ? (scope === 'this' ? ' (this occurrence)' : ' (this and following)') : ''}.` });
      return true;
    } catch (err) {
      reportError(err, 'delete the event');
      return false;
    }
  }, [api, askScope, confirmDelete, notify, reportError]);

  return { question, askScope, move, remove };
}
