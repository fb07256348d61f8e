import { describe, expect, it } from 'vitest';
import { isTypingTarget, ShortcutReader, type KeyInput } from './hotkeys';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'body', targetEditable: false, ...extra });

describe('ShortcutReader', () => {
  it('maps single keys to actions', () => {
    const r = new ShortcutReader();
    expect(r.read(key('j'), 0)).toBe('next');
    expect(r.read(key('k'), 0)).toBe('previous');
    expect(r.read(key('Enter'), 0)).toBe('open');
    expect(r.read(key('/'), 0)).toBe('focus-search');
    expect(r.read(key('Escape'), 0)).toBe('escape');
    expect(r.read(key('q'), 0)).toBeNull();
  });
  it('maps the compose keys, but never while typing (the body of a message is contentEditable)', () => {
    const r = new ShortcutReader();
    expect(['c', 'r', 'a', 'f'].map((k) => r.read(key(k), 0))).toEqual(['compose', 'reply', 'reply-all', 'forward']);
    expect(r.read(key('r', { targetTag: 'div', targetEditable: true }), 0)).toBeNull();
    expect(r.read(key('c', { targetTag: 'input' }), 0)).toBeNull();
    expect(r.read(key('a', { ctrlKey: true }), 0)).toBe('select-all');
  });
  it('maps the triage keys', () => {
    const r = new ShortcutReader();
    expect(r.read(key('e'), 0)).toBe('archive');
    expect(r.read(key('#'), 0)).toBe('delete');
    expect(r.read(key('s'), 0)).toBe('toggle-flag');
    expect(r.read(key('u'), 0)).toBe('toggle-unread');
    expect(r.read(key('v'), 0)).toBe('move');
    expect(r.read(key('x'), 0)).toBe('toggle-select');
    expect(r.read(key('J'), 0)).toBe('extend-next');
    expect(r.read(key('K'), 0)).toBe('extend-previous');
    expect(r.read(key('z'), 0)).toBe('undo');
  });
  it('reads Ctrl/Cmd+A and +Z as list commands outside fields only', () => {
    const r = new ShortcutReader();
    expect(r.read(key('a', { ctrlKey: true }), 0)).toBe('select-all');
    expect(r.read(key('z', { metaKey: true }), 0)).toBe('undo');
    expect(r.read(key('a', { ctrlKey: true, targetTag: 'input' }), 0)).toBeNull();
    expect(r.read(key('z', { ctrlKey: true, targetTag: 'textarea' }), 0)).toBeNull();
    expect(r.read(key('e', { targetTag: 'input' }), 0)).toBeNull();
  });
  it('opens the palette with Ctrl+K and Cmd+K, even from a field', () => {
    const r = new ShortcutReader();
    expect(r.read(key('k', { ctrlKey: true }), 0)).toBe('palette');
    expect(r.read(key('K', { metaKey: true, targetTag: 'input' }), 0)).toBe('palette');
  });
  it('reads g then i as go-to-inbox within the time window only', () => {
    const r = new ShortcutReader(1000);
    expect(r.read(key('g'), 0)).toBeNull();
    expect(r.read(key('i'), 500)).toBe('go-inbox');
    expect(r.read(key('i'), 600)).toBeNull(); // the prefix was used up
    r.read(key('g'), 0);
    expect(r.read(key('i'), 1500)).toBeNull();
    r.read(key('g'), 0);
    r.read(key('x'), 10);
    expect(r.read(key('i'), 20)).toBeNull();
  });
  it('ignores letter shortcuts while typing in a field', () => {
    const r = new ShortcutReader();
    expect(r.read(key('j', { targetTag: 'input' }), 0)).toBeNull();
    expect(r.read(key('/', { targetTag: 'textarea' }), 0)).toBeNull();
    expect(r.read(key('Enter', { targetEditable: true }), 0)).toBeNull();
    expect(r.read(key('g', { targetTag: 'input' }), 0)).toBeNull();
    expect(r.read(key('i'), 10)).toBeNull();
  });
  it('leaves browser shortcuts alone', () => {
    expect(new ShortcutReader().read(key('j', { ctrlKey: true }), 0)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('knows fields from the rest of the page', () => {
    expect(isTypingTarget({ targetTag: 'input', targetEditable: false })).toBe(true);
    expect(isTypingTarget({ targetTag: 'div', targetEditable: true })).toBe(true);
    expect(isTypingTarget({ targetTag: 'button', targetEditable: false })).toBe(false);
  });
});
