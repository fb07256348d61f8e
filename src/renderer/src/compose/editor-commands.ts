import { $createCodeNode } from '@lexical/code';
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import { $isCodeNode } from '@lexical/code';
import { $createParagraphNode, $getSelection, $isRangeSelection, $isRootOrShadowRoot, type LexicalEditor, type TextFormatType } from 'lexical';

export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'code' | 'bullet' | 'number';

export const BLOCK_LABELS: Record<BlockType, string> = {
  paragraph: 'Normal text',
  h1: 'Heading 1',
  h2: 'Heading 2',
  h3: 'Heading 3',
  quote: 'Quote',
  code: 'Code block',
  bullet: 'Bulleted list',
  number: 'Numbered list',
};

/** Turns the selected blocks into the given kind; choosing the current kind again makes them normal text. */
export function setBlockType(editor: LexicalEditor, type: BlockType, current: BlockType): void {
  if (type === 'bullet' || type === 'number') {
    if (current === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else editor.dispatchCommand(type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
    return;
  }
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const target = type === current ? 'paragraph' : type;
    if (current === 'bullet' || current === 'number') editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    $setBlocksType(selection, () =>
      target === 'paragraph' ? $createParagraphNode()
      : target === 'quote' ? $createQuoteNode()
      : target === 'code' ? $createCodeNode()
      : $createHeadingNode(target as 'h1' | 'h2' | 'h3'),
    );
  });
}

export interface ToolbarState {
  formats: Record<'bold' | 'italic' | 'underline' | 'strikethrough' | 'code', boolean>;
  block: BlockType;
  link: string | null;
}

/** What the toolbar shows as active for the current selection. Call inside editor.read/update. */
export function $readToolbarState(): ToolbarState | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const formats = {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    code: selection.hasFormat('code'),
  };
  const anchor = selection.anchor.getNode();
  const top = anchor.getKey() === 'root' ? anchor : ($findMatchingParent(anchor, (n) => {
    const parent = n.getParent();
    return parent !== null && $isRootOrShadowRoot(parent);
  }) ?? anchor.getTopLevelElementOrThrow());
  let block: BlockType = 'paragraph';
  if ($isListNode(top)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? top;
    block = list.getListType() === 'number' ? 'number' : 'bullet';
  } else if ($isHeadingNode(top)) {
    const tag = top.getTag();
    block = tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'h3';
  } else if ($isQuoteNode(top)) block = 'quote';
  else if ($isCodeNode(top)) block = 'code';
  const linkNode = $findMatchingParent(anchor, $isLinkNode);
  return { formats, block, link: linkNode && $isLinkNode(linkNode) ? linkNode.getURL() : null };
}

/** Adds https:// to bare domains; refuses javascript: and other schemes a mail link should not have. */
export function normalizeLinkUrl(input: string): string | null {
  const url = input.trim();
  if (!url) return null;
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(url)) return `mailto:${url}`;
  return `https://${url}`;
}

export function setLink(editor: LexicalEditor, url: string | null): void {
  editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
}

export type { TextFormatType };
