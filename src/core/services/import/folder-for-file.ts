import type { FolderRole } from '../../../shared/api/mail';

export interface TargetFolder {
  path: string;
  role: FolderRole | null;
}

// Names mail programs give special folders (English, German, French, Spanish, Swedish…).
const ROLE_BY_NAME: Array<[RegExp, FolderRole]> = [
  [/^(inbox|posteingang|boîte de réception|bandeja de entrada|inkorg)$/i, 'inbox'],
  [/^(sent|sent mail|sent items|sent messages|gesendet|gesendete (objekte|elemente)|envoyés|éléments envoyés|enviados|skickat)$/i, 'sent'],
  [/^(drafts?|entwürfe|brouillons|borradores|utkast)$/i, 'drafts'],
  [/^(trash|bin|deleted|deleted items|deleted messages|papierkorb|gelöschte (objekte|elemente)|corbeille|papelera|papperskorgen)$/i, 'trash'],
  [/^(archives?|archiv|archivo)$/i, 'archive'],
  [/^(junk|spam|junk e-?mail|bulk mail|courrier indésirable)$/i, 'junk'],
  [/^(all mail|\[gmail\]\/all mail|alle nachrichten)$/i, 'all'],
];

const CANONICAL: Partial<Record<FolderRole, string>> = { inbox: 'Inbox' };
const MBOX_EXTENSIONS = /\.(mbox|mbx|mbs|mbox\.txt|txt)$/i;

export function roleForFolderName(name: string): FolderRole | null {
  for (const [pattern, role] of ROLE_BY_NAME) if (pattern.test(name.trim())) return role;
  return null;
}

/** True for files that hold exactly one message. */
export function isSingleMessageFile(fileName: string): boolean {
  return /\.eml$/i.test(fileName);
}

/** Last path component, for both separators (uploads name files the way the browser saw them). */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).filter((p) => p.length > 0).pop() ?? fileName;
}

/**
 * Where a file's messages go: `.eml` → Inbox; an mbox → a folder named after the file
 * (`Work.mbox` → "Work", `INBOX` → "Inbox" with the inbox role, `Sent.mbox` → role sent).
 * An explicit folder wins.
 */
export function folderForFile(fileName: string, override?: string): TargetFolder {
  let name: string;
  if (override !== undefined && override.trim() !== '') name = override.trim();
  else if (isSingleMessageFile(fileName)) name = 'Inbox';
  else name = baseName(fileName).replace(MBOX_EXTENSIONS, '').replace(/\.sbd$/i, '');
  // Folder paths use '/' as separator; a file name never means a hierarchy.
  if (override === undefined) name = name.replace(/\//g, '-');
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'Imported';
  const role = roleForFolderName(name);
  return { path: (role && CANONICAL[role]) ?? name, role };
}
