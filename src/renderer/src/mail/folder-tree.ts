import type { Folder, FolderRole } from '../../../shared/api/mail';

export interface FolderNode {
  /** Path segment shown in the tree. */
  label: string;
  path: string;
  /** Null for an intermediate path segment that has no folder of its own. */
  folder: Folder | null;
  children: FolderNode[];
  depth: number;
}

/** Special folders first, in the order people expect; then everything else by name. */
const ROLE_ORDER: Record<FolderRole, number> = { inbox: 0, flagged: 1, drafts: 2, sent: 3, all: 4, archive: 5, junk: 6, trash: 7 };

function rank(node: FolderNode): number {
  const role = node.folder?.role;
  return role ? ROLE_ORDER[role] : 100;
}

function sortNodes(nodes: FolderNode[]): void {
  nodes.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label, undefined, { sensitivity: 'base', numeric: true }));
  for (const n of nodes) sortNodes(n.children);
}

/** Builds one account's folder tree from '/'-separated paths; missing parents become plain nodes. */
export function buildFolderTree(folders: Folder[]): FolderNode[] {
  const roots: FolderNode[] = [];
  const byPath = new Map<string, FolderNode>();
  const ensure = (segments: string[]): FolderNode => {
    const path = segments.join('/');
    const existing = byPath.get(path);
    if (existing) return existing;
    const node: FolderNode = { label: segments[segments.length - 1], path, folder: null, children: [], depth: segments.length - 1 };
    byPath.set(path, node);
    if (segments.length === 1) roots.push(node);
    else ensure(segments.slice(0, -1)).children.push(node);
    return node;
  };
  for (const folder of folders) {
    const segments = folder.path.split('/').filter((s) => s.length > 0);
    if (segments.length === 0) segments.push(folder.name || '(unnamed)');
    ensure(segments).folder = folder;
  }
  sortNodes(roots);
  return roots;
}

/** Depth-first, respecting collapsed paths: the rows the sidebar shows. */
export function visibleNodes(roots: FolderNode[], collapsed: ReadonlySet<string>): FolderNode[] {
  const out: FolderNode[] = [];
  const walk = (nodes: FolderNode[]) => {
    for (const n of nodes) {
      out.push(n);
      if (!collapsed.has(n.path)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** The Inbox (of the first account that has one), else the first folder at all. */
export function defaultFolder(folders: Folder[]): Folder | undefined {
  return folders.find((f) => f.role === 'inbox') ?? folders[0];
}

/**
 * The folder to open at start: the Inbox when it has mail; otherwise the first folder that has
 * some (an imported mbox lands in its own folder and the local Inbox stays empty).
 */
export function startFolder(folders: Folder[]): Folder | undefined {
  const inbox = defaultFolder(folders);
  if (!inbox || inbox.totalCount > 0) return inbox;
  return folders.find((f) => f.totalCount > 0) ?? inbox;
}
