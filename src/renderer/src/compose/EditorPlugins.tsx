import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getRoot, $getSelection, $insertNodes, $isRangeSelection, COMMAND_PRIORITY_HIGH, DRAGOVER_COMMAND, DROP_COMMAND, FORMAT_TEXT_COMMAND, KEY_DOWN_COMMAND, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { useEffect, useImperativeHandle, type Ref } from 'react';
import { setBlockType, type BlockType } from './editor-commands';
import { cleanExportedHtml } from './html-helpers';
import { $createImageNode } from './ImageNode';
import { sanitizePastedHtml } from './paste-sanitize';

/** Reports the body as mail HTML after every content change. */
export function HtmlChangePlugin({ onHtml }: { onHtml(html: string): void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves, prevEditorState }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        if (prevEditorState.isEmpty()) return; // the initial load is not an edit
        editorState.read(() => onHtml(cleanExportedHtml($generateHtmlFromNodes(editor, null))));
      }),
    [editor, onHtml],
  );
  return null;
}

/** Parses HTML and inserts it at the selection (or replaces everything with `replaceAll`). */
export function $insertHtml(editor: LexicalEditor, html: string): void {
  const dom = new DOMParser().parseFromString(html, 'text/html');
  const nodes = $generateNodesFromDOM(editor, dom);
  const selection = $getSelection();
  if ($isRangeSelection(selection)) $insertGeneratedNodes(editor, nodes, selection);
  else $insertNodes(nodes);
}

/** Files the composer should store: images (inline) pasted or dropped into the body, others as attachments. */
export type FileSink = (files: File[], placement: 'inline' | 'attachment') => void;

function imagesOf(files: File[]): File[] {
  return files.filter((f) => /^image\/(png|jpeg|gif|webp)$/.test(f.type));
}

/** Paste: images become inline attachments; HTML from web pages and Office is sanitized first. */
export function PasteDropPlugin({ onFiles }: { onFiles: FileSink }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          PASTE_COMMAND,
          (event) => {
            if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false;
            const data = event.clipboardData;
            const files = [...data.files];
            const html = data.getData('text/html');
            if (files.length > 0 && !html) {
              event.preventDefault();
              const images = imagesOf(files);
              if (images.length > 0) onFiles(images, 'inline');
              const others = files.filter((f) => !images.includes(f));
              if (others.length > 0) onFiles(others, 'attachment');
              return true;
            }
            if (!html || data.types.includes('application/x-lexical-editor')) return false; // our own copy: the editor knows it
            event.preventDefault();
            const clean = sanitizePastedHtml(html);
            editor.update(() => $insertHtml(editor, clean));
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(DRAGOVER_COMMAND, (event) => {
          if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return false;
          event.preventDefault();
          return true;
        }, COMMAND_PRIORITY_HIGH),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const files = [...(event.dataTransfer?.files ?? [])];
            if (files.length === 0) return false;
            event.preventDefault();
            event.stopPropagation(); // the composer's own drop zone would add them a second time
            const images = imagesOf(files);
            if (images.length > 0) onFiles(images, 'inline');
            const others = files.filter((f) => !images.includes(f));
            if (others.length > 0) onFiles(others, 'attachment');
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor, onFiles],
  );
  return null;
}

const SHIFT_BLOCKS: Record<string, BlockType> = { '7': 'number', '8': 'bullet', '9': 'quote' };
const ALT_BLOCKS: Record<string, BlockType> = { '0': 'paragraph', '1': 'h1', '2': 'h2', '3': 'h3' };

/**
 * Shortcuts beyond the editor's own Ctrl+B/I/U: Ctrl+Shift+7/8/9 numbered/bulleted list/quote
 * (as in Gmail), Ctrl+Shift+X strike, Ctrl+Alt+0-3 normal text/headings, Ctrl+Shift+C code
 * block, Ctrl+K link. `code` is the physical key, so layouts where Shift+7 is "/" work too.
 */
export function ShortcutsPlugin({ currentBlock, onLink }: { currentBlock(): BlockType; onLink(): void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (e) => {
          if (!(e.ctrlKey || e.metaKey)) return false;
          const digit = /^Digit(\d)$/.exec(e.code)?.[1];
          let handled = true;
          if (e.shiftKey && !e.altKey && digit && SHIFT_BLOCKS[digit]) setBlockType(editor, SHIFT_BLOCKS[digit], currentBlock());
          else if (e.altKey && !e.shiftKey && digit && ALT_BLOCKS[digit]) setBlockType(editor, ALT_BLOCKS[digit], currentBlock());
          else if (e.shiftKey && e.code === 'KeyX') editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough');
          else if (e.shiftKey && e.code === 'KeyC') setBlockType(editor, 'code', currentBlock());
          else if (!e.shiftKey && !e.altKey && e.code === 'KeyK') onLink();
          else handled = false;
          if (handled) e.preventDefault();
          return handled;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, currentBlock, onLink],
  );
  return null;
}

/** What the composer can do to the editor from outside (templates, uploaded inline images). */
export interface EditorHandle {
  insertHtml(html: string): void;
  replaceHtml(html: string): void;
  insertImage(cid: string, alt: string): void;
  focus(): void;
}

export function EditorHandlePlugin({ handleRef }: { handleRef: Ref<EditorHandle> }) {
  const [editor] = useLexicalComposerContext();
  useImperativeHandle(handleRef, () => ({
    insertHtml: (html) => editor.update(() => $insertHtml(editor, html)),
    replaceHtml: (html) =>
      editor.update(() => {
        const root = $getRoot();
        root.clear();
        root.select();
        $insertHtml(editor, html);
      }),
    insertImage: (cid, alt) => editor.update(() => $insertNodes([$createImageNode('', cid, alt)])),
    focus: () => editor.focus(),
  }), [editor]);
  return null;
}
