import { describe, expect, it } from 'vitest';
import type { Folder } from '../../../shared/api/mail';
import { buildFolderTree, defaultFolder, startFolder, visibleNodes } from './folder-tree';

let nextId = 1;
const folder = (path: string, role: Folder['role'] = null): Folder => ({
  id: nextId++, accountId: 1, name: path.split('/').pop()!, path, role, unreadCount: 0, totalCount: 0,
});

describe('buildFolderTree', () => {
  const folders = [folder('Zeta'), folder('Trash', 'trash'), folder('Archive/2024'), folder('Archive/2023'), folder('Sent', 'sent'), folder('INBOX', 'inbox'), folder('Projects/Alpha/Specs')];
  const tree = buildFolderTree(folders);

  it('puts the inbox first and orders special folders by role', () => {
    expect(tree.map((n) => n.label)).toEqual(['INBOX', 'Sent', 'Trash', 'Archive', 'Projects', 'Zeta']);
  });
  it('nests by path and creates intermediate nodes without a folder', () => {
    const archive = tree.find((n) => n.label === 'Archive')!;
    expect(archive.folder).toBeNull();
    expect(archive.children.map((c) => c.label)).toEqual(['2023', '2024']);
    const specs = tree.find((n) => n.label === 'Projects')!.children[0].children[0];
    expect(specs.path).toBe('Projects/Alpha/Specs');
    expect(specs.depth).toBe(2);
    expect(specs.folder?.name).toBe('Specs');
  });
  it('hides the children of collapsed nodes', () => {
    const rows = visibleNodes(tree, new Set(['Archive', 'Projects/Alpha']));
    expect(rows.map((r) => r.path)).toEqual(['INBOX', 'Sent', 'Trash', 'Archive', 'Projects', 'Projects/Alpha', 'Zeta']);
  });
});

describe('defaultFolder', () => {
  it('prefers an inbox', () => {
    const inbox = folder('INBOX', 'inbox');
    expect(defaultFolder([folder('A'), inbox])).toBe(inbox);
    expect(defaultFolder([])).toBeUndefined();
  });
});

describe('startFolder', () => {
  it('opens the inbox when it has mail, else the first folder with mail', () => {
    const inbox = { ...folder('INBOX', 'inbox'), totalCount: 0 };
    const work = { ...folder('Work'), totalCount: 300 };
    expect(startFolder([inbox, work])).toBe(work);
    const fullInbox = { ...inbox, totalCount: 1 };
    expect(startFolder([fullInbox, work])).toBe(fullInbox);
    expect(startFolder([inbox])).toBe(inbox);
  });
});
