import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { FORMAT_TEXT_COMMAND, type TextFormatType } from 'lexical';
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../app/Icon';
import { $readToolbarState, BLOCK_LABELS, normalizeLinkUrl, setBlockType, setLink, type BlockType, type ToolbarState } from './editor-commands';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

const FORMAT_BUTTONS: Array<{ format: TextFormatType & keyof ToolbarState['formats']; label: string; glyph: string; keys: string }> = [
  { format: 'bold', label: 'Bold', glyph: 'B', keys: `${MOD}B` },
  { format: 'italic', label: 'Italic', glyph: 'I', keys: `${MOD}I` },
  { format: 'underline', label: 'Underline', glyph: 'U', keys: `${MOD}U` },
  { format: 'strikethrough', label: 'Strikethrough', glyph: 'S', keys: `${MOD}Shift+X` },
  { format: 'code', label: 'Inline code', glyph: '</>', keys: '' },
];

const BLOCK_BUTTONS: Array<{ block: BlockType; glyph: string; keys: string }> = [
  { block: 'bullet', glyph: '•≡', keys: `${MOD}Shift+8` },
  { block: 'number', glyph: '1≡', keys: `${MOD}Shift+7` },
  { block: 'quote', glyph: '❝', keys: `${MOD}Shift+9` },
];

const EMPTY: ToolbarState = { formats: { bold: false, italic: false, underline: false, strikethrough: false, code: false }, block: 'paragraph', link: null };

/** Formatting buttons that show what the selection has; the same actions as the shortcuts. */
export function Toolbar({ linkRequest, onBlock }: { linkRequest: number; onBlock(block: BlockType): void }) {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY);
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  useEffect(() => editor.registerUpdateListener(({ editorState }) => {
    editorState.read(() => {
      const next = $readToolbarState();
      if (next) {
        setState(next);
        onBlock(next.block);
      }
    });
  }), [editor, onBlock]);

  const openLink = () => {
    setLinkError(null);
    setLinkDraft(state.link ?? '');
  };
  // Ctrl+K inside the editor asks for the link box.
  useEffect(() => {
    if (linkRequest > 0) openLink();
  }, [linkRequest]);
  useEffect(() => {
    if (linkDraft !== null) linkInput.current?.focus();
  }, [linkDraft !== null]);

  const applyLink = () => {
    if (linkDraft === null) return;
    if (linkDraft.trim() === '') {
      setLink(editor, null);
      setLinkDraft(null);
      editor.focus();
      return;
    }
    const url = normalizeLinkUrl(linkDraft);
    if (!url) {
      setLinkError('Links must start with http://, https:// or mailto:. Other kinds are not allowed in mail.');
      return;
    }
    setLink(editor, url);
    setLinkDraft(null);
    editor.focus();
  };

  return (
    <div className="compose-toolbar" role="toolbar" aria-label="Formatting" data-testid="compose-toolbar">
      <select
        className="compose-block-select"
        aria-label="Text style"
        data-testid="compose-block-select"
        value={['paragraph', 'h1', 'h2', 'h3', 'code'].includes(state.block) ? state.block : 'paragraph'}
        onChange={(e) => setBlockType(editor, e.target.value as BlockType, state.block)}
      >
        {(['paragraph', 'h1', 'h2', 'h3', 'code'] as const).map((b) => <option key={b} value={b}>{BLOCK_LABELS[b]}</option>)}
      </select>
      {FORMAT_BUTTONS.map((b) => (
        <button
          key={b.format}
          type="button"
          className={`compose-tool fmt-${b.format}${state.formats[b.format] ? ' active' : ''}`}
          aria-pressed={state.formats[b.format]}
          aria-label={b.label}
          title={b.keys ? `${b.label} (${b.keys})` : b.label}
          data-testid={`fmt-${b.format}`}
          onMouseDown={(e) => e.preventDefault() /* keep the selection in the editor */}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, b.format)}
        >
          {b.glyph}
        </button>
      ))}
      <span className="compose-tool-sep" />
      {BLOCK_BUTTONS.map((b) => (
        <button
          key={b.block}
          type="button"
          className={`compose-tool${state.block === b.block ? ' active' : ''}`}
          aria-pressed={state.block === b.block}
          aria-label={BLOCK_LABELS[b.block]}
          title={`${BLOCK_LABELS[b.block]} (${b.keys})`}
          data-testid={`fmt-${b.block}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setBlockType(editor, b.block, state.block)}
        >
          {b.glyph}
        </button>
      ))}
      <button type="button" className={`compose-tool${state.link ? ' active' : ''}`} aria-label="Link" title={`Link (${MOD}K)`} data-testid="fmt-link" onMouseDown={(e) => e.preventDefault()} onClick={openLink}>
        <Icon name="link" size={14} />
      </button>
      {linkDraft !== null && (
        <span className="compose-link-box">
          <input
            ref={linkInput}
            type="url"
            value={linkDraft}
            placeholder="https://… (empty removes the link)"
            aria-label="Link address"
            data-testid="link-input"
            aria-invalid={linkError !== null}
            onChange={(e) => setLinkDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyLink();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setLinkDraft(null);
                editor.focus();
              }
            }}
          />
          <button type="button" className="button small" onClick={applyLink} data-testid="link-apply">Apply</button>
          {linkError && <span className="field-error" role="alert">{linkError}</span>}
        </span>
      )}
    </div>
  );
}
