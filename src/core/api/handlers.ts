import type { ApiHandlers, MethodName } from '../../shared/api/index';
import type { ImportResult } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import type { MailService } from '../services/mail-service';
import type { OutboxService } from '../services/outbox/outbox-service';
import type { ProfileService } from '../services/profile-service';
import type { DraftServices } from '../services/drafts/draft-parts';
import { createDraftHandlers } from './draft-handlers';
import { createImapHandlers, type ImapHandlerServices } from './imap-handlers';
import type { DavParts } from '../services/dav/dav-parts';
import { createDavHandlers, withDavSync } from './dav-handlers';
import type { ContactsService } from '../services/contacts/contacts-service';
import { createContactsHandlers } from './contacts-handlers';
import type { CalendarParts } from '../services/calendar/calendar-parts';
import { createCalendarHandlers } from './calendar-handlers';

/** The part of ImportService (services/import-service.ts) the API needs. */
export interface MailImporter {
  importFiles(paths: string[], options: { folder?: string }): Promise<ImportResult>;
  beginUpload(fileName: string, size: number, folder?: string): string | Promise<string>;
  receiveChunk(uploadId: string, chunk: Buffer): Promise<number>;
  commitUpload(uploadId: string): Promise<ImportResult>;
}

export interface HandlerServices {
  mail: MailService;
  profile: ProfileService;
  importer: MailImporter;
  imap?: ImapHandlerServices;
  /** compose.* (issue 4); absent in a core without IMAP accounts. */
  outbox?: OutboxService;
  /** compose.* drafts, templates, suggestions, settings (issue 4); absent for a store without SQLCipher. */
  drafts?: DraftServices;
  /** CalDAV/CardDAV accounts, calendars, address books, conflicts (issue 5). */
  dav?: DavParts;
  /** contacts.* except listAddressBooks (issue 5); absent for a store without SQLCipher. */
  contacts?: ContactsService;
  /** calendar.* events and invitations (issue 5); absent for a store without SQLCipher. */
  calendar?: Pick<CalendarParts, 'calendar' | 'invitations'>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Buffer.from() would silently drop bad characters and corrupt an upload. */
function decodeChunk(dataBase64: string): Buffer {
  if (dataBase64.length % 4 !== 0 || !BASE64.test(dataBase64)) {
    throw new PmsyncError('INVALID_INPUT', 'Invalid input for mail.importChunk: dataBase64: not valid base64.', 'Send each chunk as standard base64 with padding.');
  }
  return Buffer.from(dataBase64, 'base64');
}

function notYet<const N extends readonly MethodName[]>(names: N): { [K in N[number]]: ApiHandlers[K] } {
  const refuse = (name: string) => async () => {
    throw new PmsyncError('UNKNOWN_METHOD', `${name} is not available in this version of PMSync yet.`, 'This build of PMSync does not include it yet; update PMSync.');
  };
  return Object.fromEntries(names.map((n) => [n, refuse(n)])) as unknown as { [K in N[number]]: ApiHandlers[K] };
}

/** Maps every contract method to a service call; inputs arrive already parsed by the dispatcher. */
export function createApiHandlers({ mail, profile, importer, imap, outbox, drafts, dav, contacts, calendar }: HandlerServices): ApiHandlers {
  const handlers: ApiHandlers = {
    'app.info': async () => profile.info(),
    'app.doctor': async () => profile.doctor(),
    'app.ping': async () => profile.ping(),

    'mail.listAccounts': async () => mail.listAccounts(),
    'mail.listFolders': async ({ accountId }) => mail.listFolders(accountId),
    'mail.listThreads': async ({ folderId, offset, limit }) => mail.listThreads(folderId, offset, limit),
    'mail.getThread': async ({ threadId, folderId }) => mail.getThread(threadId, folderId),
    'mail.getMessage': async ({ id }) => mail.getMessage(id),
    'mail.search': async ({ query, offset, limit }) => mail.search(query, offset, limit),
    'mail.setRead': async ({ messageIds, read }) => mail.setRead(messageIds, read),
    'mail.setFlagged': async ({ messageIds, flagged }) => mail.setFlagged(messageIds, flagged),
    'mail.allowRemoteContent': async ({ messageId, scope }) => mail.allowRemoteContent(messageId, scope),
    'mail.getAttachment': async ({ id }) => mail.getAttachment(id),
    'mail.move': async ({ messageIds, toFolderId }) => mail.move(messageIds, toFolderId),
    'mail.archive': async ({ messageIds }) => mail.archive(messageIds),
    'mail.delete': async ({ messageIds }) => mail.delete(messageIds),
    'mail.undo': async ({ undoToken }) => mail.undo(undoToken),

    'mail.importFiles': async ({ paths, folder }) => importer.importFiles(paths, folder === undefined ? {} : { folder }),
    'mail.importBegin': async ({ fileName, size, folder }) => ({ uploadId: await importer.beginUpload(fileName, size, folder) }),
    'mail.importChunk': async ({ uploadId, dataBase64 }) => ({ received: await importer.receiveChunk(uploadId, decodeChunk(dataBase64)) }),
    'mail.importCommit': async ({ uploadId }) => importer.commitUpload(uploadId),

    // Accounts, sync and the unified inbox (I3a); a core assembled without IMAP says so plainly.
    ...(imap ? createImapHandlers(imap) : notYet([
      'accounts.guessSettings', 'accounts.addImap', 'accounts.remove', 'accounts.getSettings', 'accounts.updateSettings',
      'sync.status', 'sync.now', 'mail.listUnifiedThreads',
    ] as const)),

    ...(outbox ? {
      'compose.send': async (input) => outbox.send(input),
      'compose.undoSend': async ({ outboxId }) => outbox.undoSend(outboxId),
      'compose.listOutbox': async () => outbox.list(),
    } satisfies Pick<ApiHandlers, 'compose.send' | 'compose.undoSend' | 'compose.listOutbox'> : notYet(['compose.send', 'compose.undoSend', 'compose.listOutbox'] as const)),

    // Drafts, templates, suggestions, compose settings (issue 4, part 2).
    ...(drafts ? createDraftHandlers(drafts) : notYet([
      'compose.createDraft', 'compose.saveDraft', 'compose.getDraft', 'compose.listDrafts', 'compose.discardDraft',
      'compose.sendDraft', 'compose.editOutbox', 'compose.addAttachment', 'compose.removeAttachment',
      'compose.getDraftAttachment', 'compose.suggestAddresses', 'compose.listTemplates', 'compose.saveTemplate',
      'compose.deleteTemplate', 'compose.getSettings', 'compose.updateSettings',
    ] as const)),

    // CalDAV/CardDAV accounts (issue 5).
    ...(dav ? createDavHandlers(dav) : notYet([
      'accounts.addDav', 'accounts.listDav', 'calendar.listCalendars', 'calendar.setCalendarVisible', 'calendar.listConflicts',
      'calendar.resolveConflict', 'contacts.listAddressBooks',
    ] as const)),

    // Calendar and contacts (issue 5).
    ...(calendar ? createCalendarHandlers(calendar) : notYet([
      'calendar.listEvents', 'calendar.getEvent',
      'calendar.createEvent', 'calendar.updateEvent', 'calendar.deleteEvent',
      'calendar.getInvitation', 'calendar.respondInvitation', 'calendar.applyInvitation',
    ] as const)),
    ...(contacts ? createContactsHandlers(contacts) : notYet([
      'contacts.search', 'contacts.get', 'contacts.create', 'contacts.update',
      'contacts.delete', 'contacts.listGroups',
    ] as const)),
  };
  // sync.status / sync.now / accounts.remove serve DAV accounts too.
  return dav ? { ...handlers, ...withDavSync(handlers, dav) } : handlers;
}
