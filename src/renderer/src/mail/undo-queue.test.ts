import { describe, expect, it } from 'vitest';
import { actionSentence, UndoQueue } from './undo-queue';

const entry = (token: string, createdAt: number) => ({ token, label: token, threadIds: [1], createdAt });

describe('UndoQueue', () => {
  it('undoes the newest change first', () => {
    const q = new UndoQueue(10_000);
    q.push(entry('a', 0));
    q.push(entry('b', 10));
    expect(q.latest(20)?.token).toBe('b');
    expect(q.take(20)?.token).toBe('b');
    expect(q.take(20)?.token).toBe('a');
    expect(q.take(20)).toBeUndefined();
  });
  it('lets entries expire', () => {
    const q = new UndoQueue(1000);
    q.push(entry('a', 0));
    q.push(entry('b', 900));
    expect(q.take(1500)?.token).toBe('b');
    expect(q.take(1500)).toBeUndefined();
  });
  it('drops a dismissed entry and caps its length', () => {
    const q = new UndoQueue(10_000, 2);
    q.push(entry('a', 0));
    q.push(entry('b', 0));
    q.push(entry('c', 0));
    q.drop('c');
    expect(q.take(1)?.token).toBe('b');
    expect(q.take(1)).toBeUndefined();
  });
});

describe('actionSentence', () => {
  it('says what happened with the right plural', () => {
    expect(actionSentence('archive', 3)).toBe('Archived 3 conversations');
    expect(actionSentence('archive', 1)).toBe('Archived 1 conversation');
    expect(actionSentence('delete', 2)).toBe('Moved 2 conversations to Trash');
    expect(actionSentence('move', 1, 'Receipts')).toBe('Moved 1 conversation to Receipts');
    expect(actionSentence('delete-forever', 4)).toBe('Deleted 4 conversations forever');
  });
});
