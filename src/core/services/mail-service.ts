import type { Account, Folder, Message, SearchHit, ThreadSummary } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import type { EventHub } from '../events';
import type { ProfileStore, ThreadPage } from '../store/types';
import type { MailMutations, MutationResult } from './tasks/mail-mutations';

export interface MailServiceDeps {
  store: ProfileStore;
  events: EventHub;
  /** Mutations as persisted tasks (move/archive/delete/undo, and flags reaching IMAP servers). */
  mutations?: MailMutations;
}

/** Reading and flagging mail: the store's queries, plus the change events the UI listens to. */
export class MailService {
  private readonly store: ProfileStore;
  private readonly events: EventHub;
  private readonly mutations: MailMutations | undefined;

  constructor({ store, events, mutations }: MailServiceDeps) {
    this.store = store;
    this.events = events;
    this.mutations = mutations;
  }

  listAccounts(): Account[] {
    return this.store.listAccounts();
  }

  listFolders(accountId?: number): Folder[] {
    return this.store.listFolders(accountId);
  }

  listThreads(folderId: number, offset: number, limit: number): ThreadPage {
    this.requireFolder(folderId);
    return this.store.listThreads(folderId, offset, limit);
  }

  getThread(threadId: number, folderId?: number): { thread: ThreadSummary; messages: Message[] } {
    const found = this.store.getThread(threadId, folderId);
    if (!found) throw notFound(`thread ${threadId}`);
    return found;
  }

  getMessage(id: number): Message {
    const found = this.store.getMessage(id);
    if (!found) throw notFound(`message ${id}`);
    return found;
  }

  getAttachment(id: number): { filename: string; contentType: string; dataBase64: string } {
    const found = this.store.getAttachment(id);
    if (!found) throw notFound(`attachment ${id}`);
    return { filename: found.filename, contentType: found.contentType, dataBase64: found.content.toString('base64') };
  }

  search(query: string, offset: number, limit: number): { total: number; items: SearchHit[] } {
    return this.store.search(query, offset, limit);
  }

  setRead(messageIds: number[], read: boolean): { changed: number } {
    if (this.mutations) return this.mutations.setRead(messageIds, read);
    const { changed, folderIds } = this.store.setRead(messageIds, read);
    if (changed > 0) this.events.emit('mail.changed', { folderIds, reason: 'flags' });
    return { changed };
  }

  setFlagged(messageIds: number[], flagged: boolean): { changed: number } {
    if (this.mutations) return this.mutations.setFlagged(messageIds, flagged);
    const { changed, folderIds } = this.store.setFlagged(messageIds, flagged);
    if (changed > 0) this.events.emit('mail.changed', { folderIds, reason: 'flags' });
    return { changed };
  }

  move(messageIds: number[], toFolderId: number): MutationResult {
    return this.requireMutations().move(messageIds, toFolderId);
  }

  archive(messageIds: number[]): MutationResult {
    return this.requireMutations().archive(messageIds);
  }

  delete(messageIds: number[]): MutationResult {
    return this.requireMutations().delete(messageIds);
  }

  undo(undoToken: string): Promise<{ changed: number }> {
    return this.requireMutations().undoAction(undoToken);
  }

  allowRemoteContent(messageId: number, scope: 'message' | 'sender'): { ok: true } {
    this.getMessage(messageId);
    this.store.allowRemoteContent(messageId, scope);
    return { ok: true };
  }

  private requireMutations(): MailMutations {
    if (!this.mutations) throw new PmsyncError('INTERNAL', 'Moving and deleting mail is not set up in this core.', 'Restart PMSync; if it persists, report a bug.');
    return this.mutations;
  }

  private requireFolder(folderId: number): Folder {
    const folder = this.store.getFolder(folderId);
    if (!folder) throw notFound(`folder ${folderId}`);
    return folder;
  }
}

function notFound(what: string): PmsyncError {
  return new PmsyncError('NOT_FOUND', `No ${what} in this profile.`, 'It may have been deleted or moved; refresh the list.');
}
