import type { EventHub } from '../../events';
import type { TaskQueue } from './task-queue';

/**
 * When an account's engine gets (back) to 'watching' — connected and caught up — its waiting
 * tasks are due at once instead of at the end of their backoff: the network is back.
 * Only the transition counts; later status updates in the same state do not reset backoff.
 */
export function retryTasksOnReconnect(events: EventHub, queue: Pick<TaskQueue, 'retryNow'>): () => void {
  const last = new Map<number, string>();
  return events.on('sync.status', (s) => {
    if (s.state === 'watching' && last.get(s.accountId) !== 'watching') queue.retryNow(s.accountId);
    last.set(s.accountId, s.state);
  });
}
