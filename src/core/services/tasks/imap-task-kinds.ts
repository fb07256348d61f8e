import { z } from 'zod';
import type { RemoteRef } from '../../store/message-mover';
import type { ProfileStore } from '../../store/types';
import { RemoteRefusedError, type RemoteMailbox } from './remote-mailbox';
import type { TaskKindHandler } from './task-queue';

/*
 * The remote steps of IMAP mutations. Flag and move tasks store LOCAL message ids and resolve
 * each message's remote identity (folder, UIDVALIDITY, UID) when they run: tasks of an account
 * run in order and each move rewrites the identity from the server's UID map, so a later task
 * always addresses the message where the earlier ones left it. The UIDVALIDITY sent along is
 * the one the mapping was recorded under; the RemoteMailbox re-checks it on the server, so a
 * folder that was recreated meanwhile refuses instead of touching another message. Expunge
 * tasks store the UIDs themselves (the rows are gone locally), with the UIDVALIDITY at queue time.
 */

export const FlagsPayload = z.object({
  messageIds: z.array(z.number().int()),
  flag: z.enum(['seen', 'flagged']),
  value: z.boolean(),
});
export type FlagsPayload = z.infer<typeof FlagsPayload>;

export const MoveLabel = z.enum(['move', 'archive', 'delete', 'undo']);
export const MovePayload = z.object({
  label: MoveLabel,
  moves: z.array(z.object({ id: z.number().int(), from: z.number().int(), to: z.number().int() })),
});
export type MovePayload = z.infer<typeof MovePayload>;

export const ExpungePayload = z.object({
  folderId: z.number().int(),
  remotePath: z.string(),
  uidValidity: z.string(),
  uids: z.array(z.number().int()),
});
export type ExpungePayload = z.infer<typeof ExpungePayload>;

export const TASK_KINDS = { flags: 'imap.flags', move: 'imap.move', expunge: 'imap.expunge' } as const;

const IMAP_FLAG = { seen: '\\Seen', flagged: '\\Flagged' } as const;

function byFolder(refs: readonly RemoteRef[]): Map<number, RemoteRef[]> {
  const out = new Map<number, RemoteRef[]>();
  for (const r of refs) out.set(r.folderId, [...(out.get(r.folderId) ?? []), r]);
  return out;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

export function imapTaskKinds(store: ProfileStore, remote: RemoteMailbox): Record<string, TaskKindHandler> {
  const flags: TaskKindHandler = {
    async run(task) {
      const p = FlagsPayload.parse(task.payload);
      for (const [, refs] of byFolder(store.mover.remoteRefs(p.messageIds))) {
        const { remotePath, uidValidity } = refs[0];
        if (uidValidity === null) continue; // folder never synced: the sync brings our local state
        await remote.setFlags(task.accountId, remotePath, uidValidity, refs.map((r) => r.uid), [IMAP_FLAG[p.flag]], p.value ? 'add' : 'remove');
      }
    },
    revert(task) {
      const p = FlagsPayload.parse(task.payload);
      const r = p.flag === 'seen' ? store.setRead(p.messageIds, !p.value) : store.setFlagged(p.messageIds, !p.value);
      return { folderIds: r.folderIds };
    },
    describe(task) {
      const p = FlagsPayload.parse(task.payload);
      const what = p.flag === 'seen' ? (p.value ? 'Marking as read' : 'Marking as unread') : (p.value ? 'Flagging' : 'Unflagging');
      return `${what} ${plural(p.messageIds.length, 'message')}`;
    },
  };

  const move: TaskKindHandler = {
    async run(task) {
      const p = MovePayload.parse(task.payload);
      const byDestination = new Map<number, number[]>();
      for (const m of p.moves) byDestination.set(m.to, [...(byDestination.get(m.to) ?? []), m.id]);
      for (const [to, ids] of byDestination) {
        const destPath = await destinationPath(task.accountId, to);
        for (const [fromFolderId, refs] of byFolder(store.mover.remoteRefs(ids))) {
          if (fromFolderId === to) continue; // already there (a retry after a partial run)
          const { remotePath, uidValidity } = refs[0];
          if (uidValidity === null) continue;
          const uids = refs.map((r) => r.uid);
          const result = await remote.move(task.accountId, remotePath, uidValidity, uids, destPath);
          store.transaction(() => store.mover.applyRemoteMove(fromFolderId, to, uids, result.uidMap, result.destinationUidValidity));
        }
      }
    },
    revert(task) {
      const p = MovePayload.parse(task.payload);
      // Only messages the server did not move: the others really are in the destination now.
      const movedRemotely = new Set(store.mover.remoteRefs(p.moves.map((m) => m.id)).filter((r) => p.moves.some((m) => m.id === r.messageId && m.to === r.folderId)).map((r) => r.messageId));
      const here = new Map(store.mover.locate(p.moves.map((m) => m.id)).map((l) => [l.id, l.folderId]));
      const back = p.moves.filter((m) => !movedRemotely.has(m.id) && here.get(m.id) === m.to).map((m) => ({ id: m.id, toFolderId: m.from }));
      const moved = store.mover.move(back);
      return { folderIds: [...new Set(moved.flatMap((m) => [m.fromFolderId, m.toFolderId]))] };
    },
    describe(task) {
      const p = MovePayload.parse(task.payload);
      const verb = { move: 'Moving', archive: 'Archiving', delete: 'Moving to Trash', undo: 'Undoing the move of' }[p.label];
      return `${verb} ${plural(p.moves.length, 'message')}`;
    },
  };

  const expunge: TaskKindHandler = {
    async run(task) {
      const p = ExpungePayload.parse(task.payload);
      await remote.expunge(task.accountId, p.remotePath, p.uidValidity, p.uids);
    },
    revert(task) {
      const p = ExpungePayload.parse(task.payload);
      store.mover.releaseExpungedUids(p.folderId, p.uids);
      return { folderIds: [] };
    },
    describe(task) {
      const p = ExpungePayload.parse(task.payload);
      return `Deleting ${plural(p.uids.length, 'message')} for good`;
    },
  };

  /** The server path of a local folder; a folder made locally (a new "Archive") is created remotely first. */
  async function destinationPath(accountId: number, folderId: number): Promise<string> {
    const known = store.mover.remoteFolder(folderId);
    if (known) return known.remotePath;
    const folder = store.getFolder(folderId);
    if (!folder) throw new RemoteRefusedError(`The destination folder ${folderId} no longer exists here.`);
    const path = folder.path.split('/').join(store.mover.remoteDelimiter(accountId) ?? '/');
    await remote.ensureFolder(accountId, path, folder.role === 'archive' || folder.role === 'trash' ? folder.role : null);
    return path;
  }

  return { [TASK_KINDS.flags]: flags, [TASK_KINDS.move]: move, [TASK_KINDS.expunge]: expunge };
}
