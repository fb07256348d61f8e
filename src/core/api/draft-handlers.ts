import type { ApiHandlers } from '../../shared/api/index';
import { PmsyncError } from '../../shared/errors';
import type { DraftServices } from '../services/drafts/draft-parts';

type DraftMethod =
  | 'compose.createDraft' | 'compose.saveDraft' | 'compose.getDraft' | 'compose.listDrafts' | 'compose.discardDraft'
  | 'compose.sendDraft' | 'compose.editOutbox' | 'compose.addAttachment' | 'compose.removeAttachment'
  | 'compose.getDraftAttachment' | 'compose.suggestAddresses' | 'compose.listTemplates' | 'compose.saveTemplate'
  | 'compose.deleteTemplate' | 'compose.getSettings' | 'compose.updateSettings';

function noSending(): PmsyncError {
  return new PmsyncError('UNKNOWN_METHOD', 'Sending is not available in this PMSync core (no IMAP/SMTP support).', 'Use the desktop app or `pmsync serve` to send mail.');
}

/** compose.* drafts, templates, suggestions and settings (issue 4). */
export function createDraftHandlers({ drafts, extras, sending }: DraftServices): Pick<ApiHandlers, DraftMethod> {
  return {
    'compose.createDraft': async (input) => drafts.createDraft(input),
    'compose.saveDraft': async (input) => drafts.saveDraft(input),
    'compose.getDraft': async ({ draftId }) => drafts.getDraft(draftId),
    'compose.listDrafts': async () => drafts.listDrafts(),
    'compose.discardDraft': async ({ draftId }) => drafts.discardDraft(draftId),
    'compose.sendDraft': async ({ draftId, sendAt }) => {
      if (!sending) throw noSending();
      return sending.sendDraft(draftId, sendAt);
    },
    'compose.editOutbox': async ({ outboxId }) => {
      if (!sending) throw noSending();
      return sending.editOutbox(outboxId);
    },
    'compose.addAttachment': async (input) => drafts.addAttachment(input),
    'compose.removeAttachment': async ({ draftId, attachmentId }) => drafts.removeAttachment(draftId, attachmentId),
    'compose.getDraftAttachment': async ({ attachmentId }) => drafts.getDraftAttachment(attachmentId),
    'compose.suggestAddresses': async ({ query, limit }) => extras.suggestAddresses(query, limit),
    'compose.listTemplates': async () => extras.listTemplates(),
    'compose.saveTemplate': async (input) => extras.saveTemplate(input),
    'compose.deleteTemplate': async ({ id }) => extras.deleteTemplate(id),
    'compose.getSettings': async () => extras.getSettings(),
    'compose.updateSettings': async (patch) => extras.updateSettings(patch),
  };
}
