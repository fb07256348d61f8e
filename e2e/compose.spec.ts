import { startDovecot } from '../src/sync/imap/test-support/dovecot';
import { startSmtpSink } from '../src/sync/smtp/test-support/smtp-sink';
import { expect, test } from './serve-fixture';
import { addAliceThroughUi, fetchBySubject, headerText, startRejectingSmtp } from './smtp-fixture';

const ORIGINAL_ID = '<e2e-compose-original@example.test>';

function original(): Buffer {
  return Buffer.from(
    [
      'From: Bob Builder <bob@example.test>',
      'To: Alice <alice@example.test>',
      'Subject: Plans for the launch',
      `Message-ID: ${ORIGINAL_ID}`,
      `Date: ${new Date(Date.UTC(2026, 0, 5, 9, 0)).toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Can you send me the launch checklist?',
      '',
    ].join('\r\n'),
  );
}

// A 1×1 PNG: pasted into the body it becomes an inline image sent as a related part.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const SPECS = Buffer.from('Spec v2: exactly once delivery.\n');

function withAttachment(): Buffer {
  return Buffer.from(
    [
      'From: Bob Builder <bob@example.test>',
      'To: Alice <alice@example.test>',
      'Subject: Specs for review',
      'Message-ID: <e2e-compose-specs@example.test>',
      `Date: ${new Date(Date.UTC(2026, 0, 6, 9, 0)).toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The specs are attached.',
      '--b',
      'Content-Type: text/plain; name="specs.txt"',
      'Content-Disposition: attachment; filename="specs.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      SPECS.toString('base64'),
      '--b--',
      '',
    ].join('\r\n'),
  );
}

const ATTACHMENT = Buffer.from('Launch checklist\n1. Ship it\n2. Celebrate\n\u00e9\u00e8 \u2713\n', 'utf8');

/** A Word clipboard fragment: conditional comments, mso styles and classes, Word list paragraphs. */
const OFFICE_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
<!--StartFragment--><p class=MsoNormal style='mso-margin-top-alt:auto'><span style='font-weight:bold;font-family:Calibri;color:red'>Pasted bold</span> and plain<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;</span></span>Word item<o:p></o:p></p>
<script>window.__pasteScriptRan = true</script><!--EndFragment--></body></html>`;

test('compose with formatting, an attachment and an inline image, send it, see it in Sent and in the recipient\'s INBOX; reply with r keeps the thread; forward with f carries the attachment', async ({ page, served }) => {
  test.setTimeout(180_000);
  const dovecot = await startDovecot();
  const smtp = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  try {
    dovecot.seedMaildir('alice', 'INBOX', [{ raw: original() }, { raw: withAttachment() }]);
    await page.goto(served.url);
    await addAliceThroughUi(page, dovecot, smtp);
    const rows = page.getByTestId('thread-row');
    await expect(rows.filter({ hasText: 'Plans for the launch' })).toBeVisible({ timeout: 30_000 });

    // Undo send off, so the message goes at once (the undo window has its own test below).
    await page.getByTestId('rail-settings').click();
    await page.getByTestId('undo-send-seconds').selectOption('0');
    await expect(page.getByTestId('undo-send-seconds')).toHaveValue('0');
    await page.getByTestId('rail-mail').click();

    // c opens a new message; an invalid address is flagged at the field and blocks sending.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    const composer = page.getByTestId('composer');
    await expect(composer).toBeVisible();
    const to = page.getByTestId('compose-to-input');
    await to.fill('broken@');
    await to.press('Enter');
    await expect(page.getByTestId('compose-to-error')).toContainText('not a valid email address');
    await page.getByRole('button', { name: 'Remove broken@' }).click();
    await expect(page.getByTestId('compose-to-error')).toHaveCount(0);
    await to.fill('Bob Builder <bob@example.test>');
    await to.press('Enter');
    await expect(page.getByTestId('address-chip')).toHaveText(/Bob Builder/);
    await page.getByTestId('compose-subject').fill('Launch checklist attached');

    // Body: bold via the shortcut, then a bulleted list via the toolbar.
    const body = page.getByTestId('compose-body');
    await body.click();
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Bold words');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' then plain.');
    await page.keyboard.press('Enter');
    await page.getByTestId('fmt-bullet').click();
    await page.keyboard.type('first item');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second item');
    await expect(body.locator('strong, b').first()).toHaveText('Bold words');
    await expect(body.locator('ul li')).toHaveCount(2);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // out of the list
    await body.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG.toString('base64'));
    await expect(body.getByTestId('compose-inline-image')).toBeVisible();

    await page.getByTestId('compose-file-input').setInputFiles({ name: 'checklist.txt', mimeType: 'text/plain', buffer: ATTACHMENT });
    await expect(page.getByTestId('compose-attachment')).toContainText('checklist.txt');
    await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 10_000 });

    await page.getByTestId('compose-send').click();
    await expect(composer).toBeHidden();
    await expect(page.getByTestId('send-toast')).toHaveAttribute('data-state', 'sent', { timeout: 45_000 });

    // The recipient has it, read back over IMAP: headers, both parts, the attachment byte for byte.
    const bob = await dovecot.otherClient('bob');
    let delivered = await fetchBySubject(bob, 'INBOX', 'Launch checklist attached');
    await expect.poll(async () => (delivered = await fetchBySubject(bob, 'INBOX', 'Launch checklist attached')).length, { timeout: 30_000 }).toBe(1);
    const mail = delivered[0];
    expect(mail.from?.value[0]?.address).toBe('alice@example.test');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('bob@example.test');
    expect(mail.messageId).toMatch(/^<[^<>@\s]+@[^<>\s]+>$/);
    expect(mail.html).toMatch(/<(strong|b)>Bold words<\/(strong|b)>/);
    expect(mail.html).toMatch(/<ul>\s*<li[^>]*>first item<\/li>\s*<li[^>]*>second item<\/li>\s*<\/ul>/);
    expect(mail.html).not.toMatch(/class=|white-space/);
    expect(mail.text).toContain('Bold words then plain.');
    expect(mail.text).toContain('first item');
    const att = mail.attachments.find((a) => a.filename === 'checklist.txt');
    expect(att?.content.equals(ATTACHMENT)).toBe(true);
    // The pasted image travels as a related part the HTML refers to by Content-ID.
    const image = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(image?.content.equals(PNG)).toBe(true);
    expect(image?.cid).toBeTruthy();
    expect(mail.html).toContain(`src="cid:${image?.cid}"`);
    expect(smtp.messages.filter((m) => m.raw.toString().includes('Launch checklist attached'))).toHaveLength(1);

    // It shows in Sent in the app.
    await page.getByTestId('folder-item').and(page.locator('[data-folder-name="Sent"]')).click();
    await expect(rows.filter({ hasText: 'Launch checklist attached' })).toBeVisible({ timeout: 30_000 });

    // Reply with r from the open conversation: inline composer, recipient and subject filled.
    await page.getByTestId('folder-item').and(page.locator('[data-folder-name="INBOX"]')).click();
    await rows.filter({ hasText: 'Plans for the launch' }).click();
    await expect(page.getByTestId('reader')).toContainText('launch checklist');
    await page.keyboard.press('r');
    const inline = page.getByTestId('inline-composer');
    await expect(inline).toBeVisible();
    await expect(inline.getByTestId('address-chip')).toContainText(/Bob|bob@example.test/);
    await expect(inline.getByTestId('compose-subject')).toHaveValue('Re: Plans for the launch');
    // The caret is already in the body, above the quoted original.
    await expect(inline.getByTestId('compose-body')).toBeFocused();
    await page.keyboard.type('Here it comes.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('send-toast')).toContainText(/Re: Plans for the launch/);
    await expect(page.getByTestId('send-toast')).toHaveAttribute('data-state', 'sent', { timeout: 45_000 });
    let replies = await fetchBySubject(bob, 'INBOX', 'Re: Plans for the launch');
    await expect.poll(async () => (replies = await fetchBySubject(bob, 'INBOX', 'Re: Plans for the launch')).length, { timeout: 30_000 }).toBe(1);
    expect(replies[0].inReplyTo).toBe(ORIGINAL_ID);
    expect(headerText(replies[0], 'references')).toContain(ORIGINAL_ID);
    const replyText = replies[0].text ?? '';
    expect(replyText).toContain('Here it comes.');
    expect(replyText).toContain('Can you send me the launch checklist?');
    expect(replyText.indexOf('Here it comes.')).toBeLessThan(replyText.indexOf('Can you send me the launch checklist?'));

    // Forward with f: the original attachment comes along; Bob is suggested as soon as "bo" is typed.
    await rows.filter({ hasText: 'Specs for review' }).click();
    await expect(page.getByTestId('reader')).toContainText('The specs are attached.');
    await page.keyboard.press('f');
    const fwd = page.getByTestId('inline-composer');
    await expect(fwd.getByTestId('compose-subject')).toHaveValue('Fwd: Specs for review');
    await expect(fwd.getByTestId('compose-attachment')).toContainText('specs.txt');
    await fwd.getByTestId('compose-to-input').pressSequentially('bo');
    await expect(fwd.getByTestId('address-suggestions')).toContainText('bob@example.test');
    await page.keyboard.press('Enter');
    await expect(fwd.getByTestId('address-chip')).toContainText('Bob');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('send-toast')).toContainText(/Fwd: Specs for review/);
    await expect(page.getByTestId('send-toast')).toHaveAttribute('data-state', 'sent', { timeout: 45_000 });
    let forwards = await fetchBySubject(bob, 'INBOX', 'Fwd: Specs for review');
    await expect.poll(async () => (forwards = await fetchBySubject(bob, 'INBOX', 'Fwd: Specs for review')).length, { timeout: 30_000 }).toBe(1);
    expect(forwards[0].attachments.find((a) => a.filename === 'specs.txt')?.content.equals(SPECS)).toBe(true);
    await bob.logout();
  } finally {
    await served.stop();
    await smtp.stop();
    await dovecot.stop();
  }
});

test('drafts survive a reload and can be discarded; Office paste is sanitized; undo sends nothing; templates; send later waits in the Outbox and can be cancelled', async ({ page, served }) => {
  test.setTimeout(150_000);
  const dovecot = await startDovecot();
  const smtp = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  try {
    await page.goto(served.url);
    await addAliceThroughUi(page, dovecot, smtp);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await page.getByTestId('compose-to-input').fill('carol@example.test');
    await page.getByTestId('compose-to-input').press('Enter');
    await page.getByTestId('compose-subject').fill('Draft that must survive');

    // Paste Word HTML: structure and emphasis stay; classes, styles, Office tags and scripts go.
    const body = page.getByTestId('compose-body');
    await body.click();
    await body.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Pasted bold and plain\nWord item');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, OFFICE_PASTE);
    await expect(body.locator('strong, b').filter({ hasText: 'Pasted bold' })).toBeVisible();
    await expect(body.locator('li')).toHaveText(['Word item']);
    const pasted = await body.innerHTML();
    expect(pasted).not.toMatch(/Mso|mso-|o:p|Calibri|color:\s*red|·/);
    expect(await page.evaluate(() => (window as unknown as { __pasteScriptRan?: boolean }).__pasteScriptRan)).toBeUndefined();

    // Ctrl+K links the selected word; a javascript: address is refused at the link box.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('See docs');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('link-input')).toBeFocused();
    await page.getByTestId('link-input').fill('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('compose-toolbar').getByRole('alert')).toContainText('Links must start with');
    await page.getByTestId('link-input').fill('example.org/docs');
    await page.keyboard.press('Enter');
    await expect(body.locator('a[href="https://example.org/docs"]')).toHaveText('docs');
    await expect(page.getByTestId('command-palette')).toHaveCount(0); // Ctrl+K in the editor is the link, not the palette

    await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 10_000 });
    // Keep it as a template too.
    await page.getByTestId('compose-templates').click();
    await page.getByTestId('template-name').fill('Office note');
    await page.getByTestId('template-save').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Saved template “Office note”' })).toBeVisible();
    await page.getByTestId('compose-body').click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('composer')).toBeHidden();

    // After a reload (a restart of the window) the draft is listed and reopens with its content.
    await page.reload();
    await page.getByTestId('nav-drafts').click();
    const row = page.getByTestId('draft-row').filter({ hasText: 'Draft that must survive' });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await row.locator('.compose-row-main').click();
    await expect(page.getByTestId('compose-subject')).toHaveValue('Draft that must survive');
    await expect(page.getByTestId('compose-body')).toContainText('Word item');

    // A file dropped onto the composer is attached; it can be removed again.
    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped text'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await page.getByTestId('composer').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByTestId('compose-attachment')).toContainText('dropped.txt');
    await expect(page.getByTestId('compose-attachment')).toContainText('12 B');
    await page.getByTestId('remove-attachment').click();
    await expect(page.getByTestId('compose-attachment')).toHaveCount(0);

    // Undo within the window: nothing reaches the SMTP server, and the draft comes back.
    await page.getByTestId('compose-send').click();
    await expect(page.getByTestId('send-toast')).toContainText(/Sending .* in \d+ s/);
    await page.getByTestId('undo-send').click();
    await expect(page.getByTestId('compose-subject')).toHaveValue('Draft that must survive', { timeout: 10_000 });
    await page.waitForTimeout(12_000); // longer than the default 10 s window
    expect(smtp.messages).toHaveLength(0);

    // Discard asks first, then removes it from Drafts.
    await page.getByTestId('compose-discard').click();
    await page.getByTestId('confirm-button').click();
    await expect(page.getByTestId('composer')).toBeHidden();
    await page.getByTestId('nav-drafts').click();
    await expect(page.getByTestId('draft-row').filter({ hasText: 'Draft that must survive' })).toHaveCount(0, { timeout: 10_000 });

    // A new message from the template, scheduled for later: it waits in the Outbox, and can be cancelled there.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await page.getByTestId('compose-to-input').fill('carol@example.test');
    await page.getByTestId('compose-to-input').press('Enter');
    await page.getByTestId('compose-templates').click();
    await page.getByTestId('template-insert').filter({ hasText: 'Office note' }).click();
    await expect(page.getByTestId('compose-subject')).toHaveValue('Draft that must survive');
    await expect(page.getByTestId('compose-body')).toContainText('Word item');
    await page.getByTestId('send-later').click();
    await page.getByRole('button', { name: /Tomorrow morning/ }).click();
    await expect(page.getByTestId('send-toast')).toContainText('scheduled for');
    await page.getByTestId('nav-outbox').click();
    const scheduled = page.getByTestId('outbox-row').filter({ hasText: 'Draft that must survive' });
    await expect(scheduled.getByTestId('outbox-state')).toHaveText('Scheduled');
    await scheduled.getByTestId('outbox-cancel').click();
    await expect(scheduled).toHaveCount(0, { timeout: 10_000 });
    expect(smtp.messages).toHaveLength(0);
  } finally {
    await served.stop();
    await smtp.stop();
    await dovecot.stop();
  }
});

test('signature from settings; a recipient the server refuses: the reason is shown and the draft reopens intact', async ({ page, served }) => {
  test.setTimeout(120_000);
  const dovecot = await startDovecot();
  const smtp = await startRejectingSmtp((address) => address.startsWith('nobody@'));
  try {
    await page.goto(served.url);
    await addAliceThroughUi(page, dovecot, smtp);
    await page.getByTestId('rail-settings').click();
    await page.getByTestId('undo-send-seconds').selectOption('0');
    await expect(page.getByTestId('undo-send-seconds')).toHaveValue('0');
    // A signature for the account, written in the settings' editor: new messages start with it.
    await page.getByTestId('signature-editor').getByTestId('compose-body').click();
    await page.keyboard.type('Alice Example, launch team');
    await expect(page.getByTestId('toast').filter({ hasText: 'Signature saved' })).toBeVisible();
    await page.getByTestId('rail-mail').click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await expect(page.getByTestId('compose-body')).toContainText('Alice Example, launch team');
    await page.getByTestId('compose-to-input').fill('nobody@example.test');
    await page.getByTestId('compose-to-input').press('Enter');
    await page.getByTestId('compose-subject').fill('To a mailbox that does not exist');
    await page.getByTestId('compose-body').click();
    await page.keyboard.type('Body kept after the failure.');
    await page.keyboard.press('Control+Enter');

    // The server's own words come back, and the draft is open again with everything in it.
    await expect(page.getByTestId('compose-notice')).toContainText('User unknown', { timeout: 45_000 });
    await expect(page.getByTestId('toast').filter({ hasText: 'was not sent' })).toHaveCount(1);
    await expect(page.getByTestId('toast').filter({ hasText: 'was not sent' })).toContainText('User unknown');
    await expect(page.getByTestId('compose-subject')).toHaveValue('To a mailbox that does not exist');
    await expect(page.getByTestId('compose-body')).toContainText('Body kept after the failure.');
    await expect(page.getByTestId('address-chip')).toHaveText(/nobody@example.test/);
    // The failed send is listed in the Outbox with the same reason.
    await page.getByTestId('compose-close').click();
    await page.getByTestId('nav-outbox').click();
    await expect(page.getByTestId('outbox-row').filter({ hasText: 'To a mailbox that does not exist' }).getByTestId('outbox-reason')).toContainText('User unknown');
  } finally {
    await served.stop();
    await smtp.stop();
    await dovecot.stop();
  }
});
