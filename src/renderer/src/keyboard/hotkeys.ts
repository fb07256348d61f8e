/** The parts of a KeyboardEvent the shortcut logic needs (so it is testable without a DOM). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name, lower case, and whether it is contentEditable. */
  targetTag: string;
  targetEditable: boolean;
}

/** Plain-letter shortcuts must never fire while the user types into a field. */
export function isTypingTarget(input: Pick<KeyInput, 'targetTag' | 'targetEditable'>): boolean {
  return input.targetEditable || input.targetTag === 'input' || input.targetTag === 'textarea' || input.targetTag === 'select';
}

export type ShortcutAction =
  | 'next' | 'previous' | 'open' | 'escape' | 'focus-search' | 'palette' | 'go-inbox'
  | 'archive' | 'delete' | 'toggle-flag' | 'toggle-unread' | 'move' | 'toggle-select'
  | 'extend-next' | 'extend-previous' | 'select-all' | 'undo'
  | 'compose' | 'reply' | 'reply-all' | 'forward';

/**
 * Turns keystrokes into actions, including the two-key `g i`. Holds only the pending prefix and
 * when it was typed; a prefix older than `sequenceMs` is forgotten.
 */
export class ShortcutReader {
  private pendingG: number | null = null;

  constructor(private readonly sequenceMs = 1200) {}

  read(input: KeyInput, now: number): ShortcutAction | null {
    if ((input.ctrlKey || input.metaKey) && !input.altKey && input.key.toLowerCase() === 'k') return 'palette';
    if (input.key === 'Escape') {
      this.pendingG = null;
      return 'escape';
    }
    if (isTypingTarget(input)) return null;
    // Ctrl/Cmd+A and +Z mean "select all loaded" and "undo" in the list; fields keep their own.
    if ((input.ctrlKey || input.metaKey) && !input.altKey) {
      const k = input.key.toLowerCase();
      if (k === 'a') return 'select-all';
      if (k === 'z') return 'undo';
      return null;
    }
    if (input.ctrlKey || input.metaKey || input.altKey) return null;

    const pendingG = this.pendingG !== null && now - this.pendingG <= this.sequenceMs;
    this.pendingG = null;
    if (pendingG && input.key === 'i') return 'go-inbox';
    switch (input.key) {
      case 'g':
        this.pendingG = now;
        return null;
      case 'j':
      case 'ArrowDown':
        return 'next';
      case 'k':
      case 'ArrowUp':
        return 'previous';
      case 'J':
        return 'extend-next';
      case 'K':
        return 'extend-previous';
      case 'Enter':
        return 'open';
      case 'e':
        return 'archive';
      case '#':
        return 'delete';
      case 's':
        return 'toggle-flag';
      case 'u':
        return 'toggle-unread';
      case 'v':
        return 'move';
      case 'x':
        return 'toggle-select';
      case 'z':
        return 'undo';
      case '/':
        return 'focus-search';
      case 'c':
        return 'compose';
      case 'r':
        return 'reply';
      case 'a':
        return 'reply-all';
      case 'f':
        return 'forward';
      default:
        return null;
    }
  }
}
