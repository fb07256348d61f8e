import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/api/contacts';
import { changedFields, emptyForm, fieldsFromForm, formatAddress, formatBirthday, formFromContact, formProblems, initials, parseGroups, photoProblem } from './contact-form';

const CONTACT: Contact = {
  id: 1, addressBookId: 2, uid: 'u', version: '3.0', syncState: 'synced',
  fullName: 'Anna Müller', givenName: 'Anna', familyName: 'Müller',
  emails: [{ type: 'work', value: 'anna@acme.test' }], phones: [], addresses: [{ type: 'home', street: 'Hauptstr. 1\nHinterhaus', locality: 'Berlin', region: '', postalCode: '10115', country: 'Germany' }],
  organization: 'Acme', title: '', birthday: '--04-12', note: '', photo: null, groups: ['Work'],
};

describe('contact form', () => {
  it('round-trips a contact unchanged, so saving without edits changes nothing', () => {
    const fields = fieldsFromForm(formFromContact(CONTACT));
    expect(changedFields(CONTACT, fields)).toEqual({});
  });

  it('sends only what changed, drops blank rows and trims', () => {
    const form = formFromContact(CONTACT);
    form.emails.push({ type: 'home', value: '  ' });
    form.phones.push({ type: 'cell', value: ' +49 170 1 ' });
    form.groups = 'Work, Climbing, work , ';
    expect(changedFields(CONTACT, fieldsFromForm(form))).toEqual({ phones: [{ type: 'cell', value: '+49 170 1' }], groups: ['Work', 'Climbing', 'work'] });
  });

  it('makes a name from the parts, and says what to fix', () => {
    const form = emptyForm();
    expect(formProblems(form)).toEqual(['Give the contact a name (or at least a first name, last name or organization).']);
    form.givenName = 'Bo';
    form.familyName = 'Li';
    form.emails = [{ type: 'home', value: 'not-an-address' }];
    form.birthday = '12/04/1990';
    expect(fieldsFromForm(form).fullName).toBe('Bo Li');
    expect(formProblems(form)).toEqual(['"not-an-address" is not an email address; write it like name@example.com.', 'Write the birthday as YYYY-MM-DD, or --MM-DD when you do not know the year.']);
    form.emails = [{ type: 'home', value: 'bo@li.test' }];
    form.birthday = '--12-04';
    expect(formProblems(form)).toEqual([]);
  });

  it('formats initials, groups, birthdays, addresses and checks photos', () => {
    expect(initials('Anna Maria Müller')).toBe('AM');
    expect(initials('  ')).toBe('?');
    expect(initials('Émile')).toBe('É');
    expect(parseGroups(' a, b ,a,, ')).toEqual(['a', 'b']);
    expect(formatBirthday('--04-12', 'en-GB')).toBe('12 April');
    expect(formatBirthday('1990-02-03', 'en-GB')).toBe('3 February 1990');
    expect(formatAddress(CONTACT.addresses[0])).toEqual(['Hauptstr. 1', 'Hinterhaus', '10115 Berlin', 'Germany']);
    expect(photoProblem({ type: 'image/svg+xml', size: 10 })).toMatch(/JPEG, PNG/);
    expect(photoProblem({ type: 'image/jpeg', size: 2_500_000 })).toMatch(/2\.5 MB/);
    expect(photoProblem({ type: 'image/png', size: 20_000 })).toBeNull();
  });
});
