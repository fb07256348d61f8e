import { z } from 'zod';
import type { Address } from '../../../shared/api/mail';
import type { EventHub } from '../../events';
import type { DraftRepository } from '../../store/draft-repository';
import { RemoteRefusedError } from '../tasks/remote-mailbox';
import type { TaskKindHandler } from '../tasks/task-queue';
import { draftCopyMime } from './draft-mime';

export const DRAFT_SYNC_KIND = 'drafts.sync';
export const DRAFT_REMOVE_KIND = 'drafts.remove';
const SyncPayload = z.object({ draftId: z.number().int() });
const RemovePayload = z.object({ messageId: z.string().min(3) });

/** The account's Drafts folder on its server (src/sync/imap/drafts-folder.ts does the IMAP work). */
export interface DraftsMailbox {
  replace(accountId: number, messageId: string, raw: Buffer): Promise<void>;
  remove(accountId: number, messageId: string): Promise<void>;
}

export interface DraftTaskDeps {
  drafts: DraftRepository;
  mailbox: DraftsMailbox;
  events: EventHub;
  /** The account's From address; undefined when the account cannot hold a server copy. */
  fromOf(accountId: number): Address | undefined;
  /** The server's Drafts folder changed: the local copy of that folder should sync soon. */
  changed?(accountId: number): void;
}

/** Saves that keep coming while an upload runs are folded into one more upload, never one each. */
const MAX_ROUNDS = 5;

/**
 * Uploads the newest revision of a draft. One task per draft at a time (drafts.sync_task_id):
 * saves made meanwhile only bump the revision, and the task uploads again until the server has
 * the newest one, so fast typing costs one upload per round trip, not one per save.
 */
export function draftSyncKind(d: DraftTaskDeps): TaskKindHandler {
  return {
    async run(task) {
      const { draftId } = SyncPayload.parse(task.payload);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const draft = d.drafts.get(draftId);
        if (!draft) return; // discarded: its drafts.remove task cleans the server
        // Synced already, or on its way out (sending removes the server copy; a failed send queues a new upload).
        if (draft.syncedRevision === draft.revision || draft.outboxId !== null) {
          d.drafts.setSyncTask(draftId, null);
          return;
        }
        const from = d.fromOf(draft.accountId);
        if (!from) throw new RemoteRefusedError(`Account ${draft.accountId} has no IMAP server to keep drafts on.`, 'The draft is kept on this computer.');
        const raw = await draftCopyMime(draft, from, d.drafts.attachmentContents(draftId));
        await d.mailbox.replace(draft.accountId, draft.messageId, raw);
        d.drafts.markSynced(draftId, draft.revision);
        d.changed?.(draft.accountId);
        if (d.drafts.get(draftId)?.revision === draft.revision) {
          d.drafts.setSyncTask(draftId, null);
          d.events.emit('compose.draftsChanged', { draftId, change: 'synced' });
          return;
        }
      }
      // Still changing after several rounds: let the next save's task carry on.
      d.drafts.setSyncTask(draftId, null);
    },
    revert(task) {
      const { draftId } = SyncPayload.parse(task.payload);
      d.drafts.setSyncTask(draftId, null); // the local draft is untouched; the next save tries again
      return { folderIds: [] };
    },
    describe() {
      return 'Saving a draft to the server';
    },
    failureNotice(_task, reason) {
      return {
        message: `A draft could not be saved to the server's Drafts folder: ${reason}`,
        hint: 'The draft is safe on this computer; PMSync tries again the next time it is saved.',
      };
    },
  };
}

/** Removes every server copy of a draft (discarded, or sent). */
export function draftRemoveKind(d: Pick<DraftTaskDeps, 'mailbox' | 'changed'>): TaskKindHandler {
  return {
    async run(task) {
      await d.mailbox.remove(task.accountId, RemovePayload.parse(task.payload).messageId);
      d.changed?.(task.accountId);
    },
    revert() {
      return { folderIds: [] };
    },
    describe() {
      return 'Removing a draft from the server';
    },
    failureNotice(_task, reason) {
      return {
        message: `A discarded or sent draft could not be removed from the server's Drafts folder: ${reason}`,
        hint: 'Delete it from the Drafts folder yourself if it is still there.',
      };
    },
  };
}
