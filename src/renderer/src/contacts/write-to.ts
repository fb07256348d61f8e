import type { ApiClient } from '../../../shared/api/index';
import type { ComposeApi } from '../compose/compose-context';

/** "Name" <address>, quoted so commas or brackets in a name cannot split the recipient. */
export function recipient(name: string, address: string): string {
  const clean = name.replace(/["\\\r\n]/g, '').trim();
  return clean ? `"${clean}" <${address}>` : address;
}

/** Opens the composer on a new message to `address` (a draft with the recipient filled in). */
export async function writeTo(api: ApiClient, compose: ComposeApi, name: string, address: string): Promise<void> {
  const draft = await api.compose.createDraft({ mode: 'new' });
  await api.compose.saveDraft({ draftId: draft.id, baseRevision: draft.revision, to: [recipient(name, address)] });
  compose.openDraft(draft.id);
}
