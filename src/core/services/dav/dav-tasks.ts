import { PmsyncError } from '../../../shared/errors';
import type { DavEngine } from '../../../sync/dav/engine';
import { DavRefusedError } from '../../../sync/dav/errors';
import type { EventHub } from '../../events';
import type { DavStore } from '../../store/dav-store';
import type { TaskRow } from '../../store/task-repository';
import { RemoteRefusedError } from '../tasks/remote-mailbox';
import type { TaskKindHandler } from '../tasks/task-queue';
import { emitDavChanged } from './dav-events';

export const DAV_PUT = 'dav.put';
export const DAV_DELETE = 'dav.delete';

export interface DavTaskPayload {
  resourceId: number;
}

function resourceIdOf(task: TaskRow): number {
  const p = task.payload;
  if (p && typeof p === 'object' && 'resourceId' in p && typeof p.resourceId === 'number') return p.resourceId;
  throw new RemoteRefusedError(`Task ${task.id} has no resource to send.`, 'This change cannot be sent; edit the item again.');
}

/** The server's "no" for good becomes the queue's permanent failure (it reverts the local change). */
async function refusedIsPermanent<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof DavRefusedError) throw new RemoteRefusedError(err.message, err.hint);
    throw err;
  }
}

export interface DavTaskDeps {
  dav: DavStore;
  events: EventHub;
  /** A (fresh) engine for an account; undefined when the account is gone. */
  engineFor(accountId: number): DavEngine | undefined;
  now?: () => number;
}

/**
 * dav.put / dav.delete: the remote step of a local change. The task carries only the resource
 * id: it sends the resource as it is when the task runs (so several quick edits make one PUT),
 * with If-Match on the ETag it was based on (If-None-Match: * for a new one). A 412 is not a
 * failure: both versions are kept as a conflict and the user picks.
 */
export function davTaskKinds(d: DavTaskDeps): Record<string, TaskKindHandler> {
  const now = d.now ?? Date.now;
  const context = (task: TaskRow) => {
    const id = resourceIdOf(task);
    const state = d.dav.resourceState(id);
    const coll = state ? d.dav.collection(state.collectionId) : undefined;
    if (!state || !coll) return undefined;
    const engine = d.engineFor(coll.accountId);
    if (!engine) throw new RemoteRefusedError(`The account of "${coll.name}" is gone.`, 'Nothing to send.');
    return { id, state, coll, engine, url: engine.resourceUrl(coll.url, state.href) };
  };
  const conflict = async (c: NonNullable<ReturnType<typeof context>>) => {
    const server = await c.engine.get(c.url);
    if (c.state.deleted && server === null) d.dav.forget(c.id);
    else d.dav.markConflict(c.id, server, now());
    emitDavChanged(d.events, [{ kind: c.coll.kind, collectionId: c.coll.id }]);
    d.events.emit('app.notice', {
      level: 'warning',
      message: `"${c.coll.name}": an item was changed on the server and here at the same time; nothing was overwritten.`,
      hint: 'Open the sync conflicts and choose which version to keep.',
    });
  };
  return {
    [DAV_PUT]: {
      async run(task) {
        const c = context(task);
        // Already sent by an earlier task (edits coalesce), deleted since, or waiting for the user.
        if (!c || c.state.deleted || c.state.syncState !== 'pending') return;
        const result = await refusedIsPermanent(() => c.engine.put(c.coll.kind, c.url, c.state.data, c.state.etag));
        if (result.ok) {
          d.dav.markWritten(c.id, c.state.localRev, result.etag);
          emitDavChanged(d.events, [{ kind: c.coll.kind, collectionId: c.coll.id }]);
        } else await conflict(c);
      },
      revert(task) {
        const collectionId = d.dav.revertToServer(resourceIdOf(task));
        const coll = collectionId === undefined ? undefined : d.dav.collection(collectionId);
        if (coll) emitDavChanged(d.events, [{ kind: coll.kind, collectionId: coll.id }]);
        return { folderIds: [] };
      },
      describe: () => 'Saving a calendar or contact change',
    },
    [DAV_DELETE]: {
      async run(task) {
        const c = context(task);
        if (!c || !c.state.deleted || c.state.syncState !== 'pending') return;
        const result = await refusedIsPermanent(() => c.engine.delete(c.url, c.state.etag));
        if (result.ok) {
          d.dav.forget(c.id);
          return;
        }
        await conflict(c);
      },
      revert(task) {
        const collectionId = d.dav.revertToServer(resourceIdOf(task));
        const coll = collectionId === undefined ? undefined : d.dav.collection(collectionId);
        if (coll) emitDavChanged(d.events, [{ kind: coll.kind, collectionId: coll.id }]);
        return { folderIds: [] };
      },
      describe: () => 'Deleting a calendar or contact item',
    },
  };
}

export function assertWritable(readOnly: boolean, name: string): void {
  if (readOnly) throw new PmsyncError('INVALID_INPUT', `"${name}" is read-only on the server.`, 'Choose another calendar or address book.');
}
