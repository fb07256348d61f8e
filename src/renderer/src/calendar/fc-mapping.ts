import type { EventInput } from './fc-types';
import type { EventInstance } from '../../../shared/api/calendar';
import { instanceKey, spanForCalendar } from './scope';

/** The class names that carry an occurrence's state to CSS (and to tests). */
export function stateClasses(i: EventInstance): string[] {
  const out = ['pm-event'];
  if (i.syncState === 'pending') out.push('pm-sync-pending');
  if (i.syncState === 'conflict') out.push('pm-sync-conflict');
  if (i.conflict) out.push('pm-overlap');
  if (i.status === 'CANCELLED') out.push('pm-cancelled');
  if (i.status === 'TENTATIVE' || i.myPartstat === 'TENTATIVE') out.push('pm-tentative');
  if (i.myPartstat === 'DECLINED') out.push('pm-declined');
  if (i.recurring) out.push('pm-recurring');
  return out;
}

/** An API occurrence as a FullCalendar event; read-only calendars cannot be dragged. */
export function toCalendarEvent(i: EventInstance, readOnly: boolean): EventInput {
  return {
    id: instanceKey(i),
    title: i.title || '(No title)',
    ...spanForCalendar(i),
    backgroundColor: i.color,
    borderColor: i.color,
    classNames: stateClasses(i),
    editable: !readOnly && i.status !== 'CANCELLED',
    extendedProps: { instance: i },
  };
}

/** Words for the small state badges an event shows, for its tooltip and screen readers. */
export function stateDescription(i: EventInstance): string {
  const notes: string[] = [];
  if (i.conflict) notes.push('overlaps another event');
  if (i.syncState === 'pending') notes.push('not yet on the server');
  if (i.syncState === 'conflict') notes.push('changed on the server too: choose a version');
  if (i.myPartstat === 'NEEDS-ACTION') notes.push('you have not answered');
  if (i.myPartstat === 'TENTATIVE') notes.push('you said maybe');
  if (i.myPartstat === 'DECLINED') notes.push('you declined');
  if (i.recurring) notes.push('repeats');
  return notes.join(', ');
}
