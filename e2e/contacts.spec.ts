import { startRadicale, type DavTestServer } from '../src/sync/dav/test-support/dav-servers';
import { expect, test } from './serve-fixture';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/q842iQAAAABJRU5ErkJggg==', 'base64');

/** Every vCard in the address book as the server has it now (CardDAV addressbook-query REPORT). */
async function serverCards(server: DavTestServer, bookUrl: string): Promise<string[]> {
  const body = '<?xml version="1.0" encoding="utf-8"?><C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data/></D:prop></C:addressbook-query>';
  const r = await server.request('REPORT', bookUrl, body, { depth: '1', 'content-type': 'application/xml; charset=utf-8' });
  if (r.status !== 207) throw new Error(`REPORT ${bookUrl} -> ${r.status}`);
  return [...r.text.matchAll(/<(?:\w+:)?address-data[^>]*>([\s\S]*?)<\/(?:\w+:)?address-data>/g)]
    .map((m) => (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#13;/g, '\r').replace(/&amp;/g, '&').replace(/\r?\n[ \t]/g, ''));
}

test('contacts: sync an address book, search, create, edit, delete and settle a conflict — the server agrees', async ({ page, served }) => {
  test.setTimeout(120_000);
  const server = await startRadicale();
  try {
    const bookUrl = await server.makeAddressBook('people', 'People');
    const ada = 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nEMAIL;TYPE=work:ada@engine.test\r\nORG:Analytical Engines\r\nCATEGORIES:Math\r\nEND:VCARD\r\n';
    expect((await server.request('PUT', `${bookUrl}ada-1.vcf`, ada, { 'content-type': 'text/vcard' })).status).toBe(201);

    await page.goto(served.url);
    await page.getByTestId('rail-contacts').click();
    await expect(page.getByTestId('contacts-view')).toBeVisible();
    await page.getByTestId('contacts-add-account').click();
    const dialog = page.getByTestId('add-account-dialog');
    await dialog.getByTestId('dav-url').fill(server.url);
    await dialog.getByTestId('dav-user').fill('alice');
    await dialog.getByTestId('dav-password').fill('alicepw');
    await dialog.getByTestId('dav-add').click();
    await expect(dialog.getByTestId('dav-found')).toContainText('People', { timeout: 30_000 });
    await dialog.getByTestId('dav-done').click();

    // Synced: the card another client wrote is listed, its group offered, and instant search finds it by a word prefix.
    await expect(page.getByTestId('contacts-count')).toHaveText('1 contact', { timeout: 30_000 });
    await expect(page.getByTestId('contact-groups')).toContainText('Math');
    await page.getByTestId('contacts-search').fill('analyt');
    await expect(page.getByRole('option', { name: /Ada Lovelace/ })).toBeVisible();
    await page.getByTestId('contacts-search').fill('nobody');
    await expect(page.getByText('No contact matches “nobody”')).toBeVisible();
    await page.getByTestId('contacts-search').fill('');
    await page.getByRole('option', { name: /Ada Lovelace/ }).click();
    await expect(page.getByTestId('contact-detail')).toContainText('ada@engine.test');

    // Create: a form problem is explained first, then the contact is saved and PUT to the server.
    await page.getByTestId('contact-new').click();
    const editor = page.getByTestId('contact-editor');
    await editor.getByTestId('contact-email-0').fill('not an address');
    await editor.getByTestId('contact-save').click();
    await expect(editor.getByTestId('contact-problems')).toContainText('Give the contact a name');
    await editor.getByTestId('contact-given').fill('Grace');
    await editor.getByTestId('contact-family').fill('Hopper');
    await editor.getByTestId('contact-email-0').fill('grace@navy.test');
    await editor.getByTestId('contact-groups-input').fill('Navy, Math');
    // A non-image is refused in the form with what to do; a PNG is taken.
    await editor.getByLabel('Choose a photo').setInputFiles({ name: 'x.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') });
    await expect(editor.getByRole('alert').filter({ hasText: 'Choose a JPEG, PNG' })).toBeVisible();
    await editor.getByLabel('Choose a photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await expect(editor.locator('img.contact-avatar')).toBeVisible();
    await editor.getByTestId('contact-save').click();
    await expect(page.getByTestId('contact-name')).toHaveText('Grace Hopper');
    await expect(page.getByTestId('contacts-count')).toHaveText('2 contacts');
    await expect.poll(async () => (await serverCards(server, bookUrl)).find((c) => c.includes('FN:Grace Hopper')) ?? '', { timeout: 30_000 })
      .toMatch(/EMAIL[^:\r\n]*:grace@navy\.test/);
    expect((await serverCards(server, bookUrl)).find((c) => c.includes('FN:Grace Hopper'))).toContain(`PHOTO;ENCODING=b;TYPE=PNG:${PNG.toString('base64')}`);
    await expect(page.getByTestId('contact-detail').locator('img.contact-avatar')).toHaveAttribute('src', `data:image/png;base64,${PNG.toString('base64')}`);

    // Edit: only the changed field is rewritten; the server gets it.
    await page.getByTestId('contact-edit').click();
    await page.getByLabel('Job title').fill('Rear Admiral');
    await page.getByTestId('contact-save').click();
    await expect(page.getByTestId('contact-detail')).toContainText('Rear Admiral');
    await expect.poll(async () => (await serverCards(server, bookUrl)).find((c) => c.includes('FN:Grace Hopper')) ?? '', { timeout: 30_000 })
      .toContain('TITLE:Rear Admiral');

    // Delete, after a confirmation that says what will happen.
    await page.getByTestId('contact-delete').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('from the server');
    await page.getByTestId('confirm-button').click();
    await expect(page.getByTestId('contacts-count')).toHaveText('1 contact');
    await expect.poll(async () => (await serverCards(server, bookUrl)).some((c) => c.includes('Grace Hopper')), { timeout: 30_000 }).toBe(false);
    expect((await serverCards(server, bookUrl)).some((c) => c.includes('FN:Ada Lovelace'))).toBe(true);

    // Another client changes Ada before PMSync hears of it; PMSync's edit then meets a 412: both kept, the user picks.
    const current = await server.request('GET', `${bookUrl}ada-1.vcf`);
    const theirs = current.text.replace('ORG:Analytical Engines', 'ORG:Difference Engines');
    expect((await server.request('PUT', `${bookUrl}ada-1.vcf`, theirs, { 'content-type': 'text/vcard', 'if-match': current.etag ?? '*' })).status).toBeLessThan(300);
    await page.getByRole('option', { name: /Ada Lovelace/ }).click();
    await page.getByTestId('contact-edit').click();
    await page.getByLabel('Job title').fill('Countess');
    await page.getByTestId('contact-save').click();
    const conflicts = page.getByTestId('contact-conflicts');
    await expect(conflicts).toContainText('Ada Lovelace', { timeout: 30_000 });
    expect((await server.request('GET', `${bookUrl}ada-1.vcf`)).text).toContain('ORG:Difference Engines'); // nothing overwritten
    await conflicts.getByRole('button', { name: 'Keep yours' }).click();
    await expect(conflicts).toBeHidden({ timeout: 30_000 });
    await expect.poll(async () => (await server.request('GET', `${bookUrl}ada-1.vcf`)).text, { timeout: 30_000 }).toContain('TITLE:Countess');
  } finally {
    await server.dispose();
  }
});
