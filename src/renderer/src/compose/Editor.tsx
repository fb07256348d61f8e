import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { $generateNodesFromDOM } from '@lexical/html';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $createParagraphNode, $getRoot, $insertNodes, type LexicalEditor } from 'lexical';
import { useCallback, useRef, useState, type Ref } from 'react';
import type { BlockType } from './editor-commands';
import { normalizeLinkUrl } from './editor-commands';
import { EditorHandlePlugin, HtmlChangePlugin, PasteDropPlugin, ShortcutsPlugin, type EditorHandle, type FileSink } from './EditorPlugins';
import { ImageNode } from './ImageNode';
import { Toolbar } from './Toolbar';

const THEME = {
  paragraph: 'ce-p',
  quote: 'ce-quote',
  heading: { h1: 'ce-h1', h2: 'ce-h2', h3: 'ce-h3' },
  list: { ul: 'ce-ul', ol: 'ce-ol', listitem: 'ce-li', nested: { listitem: 'ce-nested' } },
  link: 'ce-link',
  code: 'ce-code',
  text: { bold: 'ce-bold', italic: 'ce-italic', underline: 'ce-underline', strikethrough: 'ce-strike', underlineStrikethrough: 'ce-underline-strike', code: 'ce-inline-code' },
};

function loadHtml(html: string) {
  return (editor: LexicalEditor) => {
    const root = $getRoot();
    if (html.trim()) {
      const dom = new DOMParser().parseFromString(html, 'text/html');
      root.select();
      $insertNodes($generateNodesFromDOM(editor, dom));
    }
    if (root.getChildrenSize() === 0) root.append($createParagraphNode());
    // The caret starts at the top, above a quoted original or signature.
    root.getFirstChild()?.selectStart();
  };
}

interface Props {
  initialHtml: string;
  onHtml(html: string): void;
  onFiles: FileSink;
  handleRef: Ref<EditorHandle>;
  label: string;
  /** Put the caret in the body at once, at the top (replies: above the quoted original). */
  autoFocus?: boolean;
  placeholder?: string;
}

/** The rich-text body: toolbar, editable area, paste/drop handling and shortcuts. */
export function Editor({ initialHtml, onHtml, onFiles, handleRef, label, autoFocus, placeholder = 'Write your message…' }: Props) {
  const [initialConfig] = useState(() => ({
    namespace: 'pmsync-composer',
    theme: THEME,
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, CodeNode, CodeHighlightNode, ImageNode],
    editorState: loadHtml(initialHtml),
    onError: (error: Error) => console.error('[composer] editor error', error),
  }));
  const block = useRef<BlockType>('paragraph');
  const [linkRequest, setLinkRequest] = useState(0);
  const currentBlock = useCallback(() => block.current, []);
  const onBlock = useCallback((b: BlockType) => {
    block.current = b;
  }, []);
  const onLink = useCallback(() => setLinkRequest((n) => n + 1), []);
  const validateUrl = useCallback((url: string) => normalizeLinkUrl(url) === url, []);

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <Toolbar linkRequest={linkRequest} onBlock={onBlock} />
      <div className="compose-editor">
        <RichTextPlugin
          contentEditable={<ContentEditable className="compose-editable" aria-label={label} data-testid="compose-body" />}
          placeholder={<div className="compose-placeholder">{placeholder}</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      {autoFocus && <AutoFocusPlugin defaultSelection="rootStart" />}
      <ListPlugin />
      <LinkPlugin validateUrl={validateUrl} />
      <HtmlChangePlugin onHtml={onHtml} />
      <PasteDropPlugin onFiles={onFiles} />
      <ShortcutsPlugin currentBlock={currentBlock} onLink={onLink} />
      <EditorHandlePlugin handleRef={handleRef} />
    </LexicalComposer>
  );
}
