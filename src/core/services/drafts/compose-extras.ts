import type { AddressSuggestion, ComposeSettings, Template } from '../../../shared/api/compose';
import { PmsyncError } from '../../../shared/errors';
import { systemClock, type Clock } from '../../../sync/imap/clock';
import type { CorrespondentRepository } from '../../store/draft-correspondents';
import type { DraftRepository } from '../../store/draft-repository';
import type { ComposeSettingsRepository } from '../../store/draft-settings';
import type { TemplateRepository } from '../../store/template-repository';
import type { ProfileStore } from '../../store/types';
import type { ContactDirectory } from '../contact-directory';
import { cleanDraftHtml, signatureBlock } from './draft-content';

/** Messages counted into correspondents at most per suggestion call (about 10 ms worth). */
const KEYSTROKE_CATCH_UP = 1_000;

export interface ComposeExtrasOptions {
  store: ProfileStore;
  drafts: DraftRepository;
  templates: TemplateRepository;
  settings: ComposeSettingsRepository;
  correspondents: CorrespondentRepository;
  /** Contacts (issue 5); suggestions work without it. */
  contacts?: ContactDirectory;
  clock?: Clock;
}

/** Templates, compose settings and address suggestions: the small parts of composing. */
export class ComposeExtras {
  private readonly clock: Clock;
  constructor(private readonly o: ComposeExtrasOptions) {
    this.clock = o.clock ?? systemClock;
  }

  /** Contacts first, then people written to (most often first), then people heard from; the user's own addresses never. */
  suggestAddresses(query: string, limit: number): AddressSuggestion[] {
    const own = this.o.store.listAccounts().map((a) => a.email?.toLowerCase()).filter((e): e is string => !!e);
    const seen = new Set(own);
    const out: AddressSuggestion[] = [];
    const add = (name: string, address: string, source: AddressSuggestion['source']) => {
      const key = address.toLowerCase();
      if (out.length >= limit || seen.has(key)) return;
      seen.add(key);
      out.push({ name, address, source });
    };
    let contacts: Array<{ name: string; address: string }> = [];
    try {
      contacts = this.o.contacts?.suggest(query, limit) ?? [];
    } catch {
      // The contacts index is someone else's part: autocomplete goes on with the mail-based half.
    }
    for (const c of contacts) add(c.name, c.address, 'contact');
    if (out.length < limit) {
      // Bounded, so a keystroke right after a large sync stays quick; the rest is counted in the background.
      this.o.correspondents.catchUp(KEYSTROKE_CATCH_UP);
      for (const c of this.o.correspondents.match(query, limit + own.length, own)) add(c.name, c.address, c.sentCount > 0 ? 'sent' : 'received');
    }
    return out;
  }

  listTemplates(): Template[] {
    return this.o.templates.list();
  }

  saveTemplate(input: { id?: number; name: string; subject?: string; html?: string; fromDraftId?: number }): Template {
    let subject = input.subject;
    let html = input.html;
    if (input.fromDraftId !== undefined) {
      const d = this.o.drafts.get(input.fromDraftId);
      if (!d) throw new PmsyncError('NOT_FOUND', `There is no draft ${input.fromDraftId}.`, 'Save the draft first, then make a template of it.');
      subject ??= d.subject;
      // The signature is added again when a draft is made from the template.
      html ??= stripSignature(d.html, this.o.settings.get().signatures[String(d.accountId)]);
    }
    const fields = { name: input.name.trim(), subject: subject ?? '', html: cleanDraftHtml(html ?? '') };
    if (fields.name === '') throw new PmsyncError('INVALID_INPUT', 'A template needs a name.', 'Type a name for the template.');
    const now = this.clock.now();
    let id = input.id;
    if (id === undefined) id = this.o.templates.insert(fields, now);
    else if (!this.o.templates.update(id, fields, now)) throw new PmsyncError('NOT_FOUND', `There is no template ${id}.`, 'Refresh the template list.');
    const saved = this.o.templates.get(id);
    if (!saved) throw new PmsyncError('INTERNAL', `Template ${id} vanished while saving.`);
    return saved;
  }

  deleteTemplate(id: number): { ok: true } {
    if (!this.o.templates.delete(id)) throw new PmsyncError('NOT_FOUND', `There is no template ${id}.`, 'Refresh the template list.');
    return { ok: true };
  }

  getSettings(): ComposeSettings {
    return this.o.settings.get();
  }

  /** Signatures merge per account (an empty one removes that account's signature). */
  updateSettings(patch: Partial<ComposeSettings>): ComposeSettings {
    const current = this.o.settings.get();
    const signatures = { ...current.signatures };
    for (const [account, html] of Object.entries(patch.signatures ?? {})) {
      const clean = cleanDraftHtml(html);
      if (clean === '') delete signatures[account];
      else signatures[account] = clean;
    }
    return this.o.settings.update({ ...patch, signatures });
  }
}

function stripSignature(html: string, signature: string | undefined): string {
  const block = signatureBlock(signature);
  if (block === '') return html;
  // Saved drafts went through the sanitizer once more, which normalizes markup (<br> → <br />).
  return html.replace(block, '').replace(cleanDraftHtml(block), '');
}
