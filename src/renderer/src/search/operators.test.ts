import { describe, expect, it } from 'vitest';
import { SEARCH_OPERATORS, suggest } from './operators';

describe('suggest', () => {
  it('offers every operator for an empty token', () => {
    expect(suggest('', [], 20).map((s) => s.label)).toEqual(SEARCH_OPERATORS.map((o) => o.insert));
    expect(suggest('budget ', [], 20)).toHaveLength(SEARCH_OPERATORS.length);
  });
  it('completes the token being typed and keeps the rest of the query', () => {
    expect(suggest('budget fr', [])).toEqual([{ query: 'budget from:', label: 'from:', description: 'Sender name or address' }]);
    expect(suggest('is:', []).map((s) => s.query)).toEqual(['is:unread ', 'is:flagged ']);
    expect(suggest('h', []).map((s) => s.label)).toEqual(['has:attachment']);
  });
  it('suggests folder names after in:, quoting names with spaces', () => {
    const folders = ['Inbox', 'Invoices', 'Old Stuff'];
    expect(suggest('in:in', folders).map((s) => s.query)).toEqual(['in:Inbox ', 'in:Invoices ']);
    expect(suggest('x in:o', folders).map((s) => s.query)).toEqual(['x in:"Old Stuff" ']);
  });
  it('stays quiet while a value is being typed or for plain words', () => {
    expect(suggest('from:alice', [])).toEqual([]);
    expect(suggest('quarterly', [])).toEqual([]);
    expect(suggest('is:unread', [])).toEqual([]);
  });
});
