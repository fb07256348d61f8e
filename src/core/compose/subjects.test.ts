import { describe, expect, it } from 'vitest';
import { forwardSubject, replySubject } from './subjects';

describe('replySubject', () => {
  it.each([
    ['Lunch', 'Re: Lunch'],
    ['Re: Lunch', 'Re: Lunch'],
    ['RE: Lunch', 'Re: Lunch'],
    ['re:Lunch', 'Re: Lunch'],
    ['Aw: Re: AW: Lunch', 'Re: Lunch'],
    ['Re[2]: Lunch', 'Re: Lunch'],
    ['Re (3): Lunch', 'Re: Lunch'],
    ['SV: Vs: Antw: Lunch', 'Re: Lunch'],
    ['Re： Lunch', 'Re: Lunch'],
    ['[dev] Re: Re: Lunch', 'Re: [dev] Lunch'],
    ['Fwd: Lunch', 'Re: Fwd: Lunch'],
    ['Recipe ideas', 'Re: Recipe ideas'],
    ['', 'Re:'],
    ['Re: ', 'Re:'],
    ['Hi\r\nBcc: evil@x.org', 'Re: Hi Bcc: evil@x.org'],
  ])('%j -> %j', (input, expected) => {
    expect(replySubject(input)).toBe(expected);
  });
});

describe('forwardSubject', () => {
  it.each([
    ['Lunch', 'Fwd: Lunch'],
    ['Fwd: Lunch', 'Fwd: Lunch'],
    ['FW: Fwd: WG: Lunch', 'Fwd: Lunch'],
    ['Re: Lunch', 'Fwd: Re: Lunch'],
    ['Forward planning', 'Fwd: Forward planning'],
    ['', 'Fwd:'],
  ])('%j -> %j', (input, expected) => {
    expect(forwardSubject(input)).toBe(expected);
  });
});
