import { expect, startPixelServer, test } from './serve-fixture';
import { writeE2eMbox } from './mailbox-fixture';

test('import an mbox through the UI, read, search, and keep remote content blocked until allowed', async ({ page, served }) => {
  const pixel = await startPixelServer();
  try {
    const mbox = writeE2eMbox(pixel.url);
    await page.goto(served.url);

    // Import through the file picker, as a user would.
    await page.getByTestId('import-input').setInputFiles(mbox);
    await expect(page.getByTestId('import-status')).toContainText(/125 imported|imported 125/i, { timeout: 30_000 });

    // The folder appears with its unread count, and its threads list newest first.
    const inbox = page.locator('[data-testid="folder-item"][data-folder-name="Inbox"]');
    await expect(inbox).toBeVisible();
    await inbox.click();
    const rows = page.getByTestId('thread-row');
    await expect(rows.first()).toContainText('Signed contract attached');
    await expect(rows.nth(2)).toContainText('Quarterly budget review');

    // The three budget messages form one thread; open it.
    await rows.nth(2).click();
    const reader = page.getByTestId('reader');
    await expect(reader).toContainText('Great, see you then.');
    await expect(reader).toContainText('Friday works.');
    await expect(reader).toContainText('The zanzibar line item looks odd.');

    // Search with an operator and a word.
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await page.getByTestId('search-input').fill('from:dana@fbi.example zanzibar');
    await page.keyboard.press('Enter');
    const hits = page.getByTestId('search-hit');
    await expect(hits).toHaveCount(1);
    await expect(hits.first()).toContainText('Quarterly budget review');

    // Hostile newsletter: nothing remote is fetched, no script runs, until the user allows it.
    await page.getByTestId('search-input').fill('subject:digest');
    await page.keyboard.press('Enter');
    await expect(hits).toHaveCount(1);
    await hits.first().click();
    const frame = page.getByTestId('message-body-frame');
    await expect(frame).toBeVisible();
    const sandbox = await frame.getAttribute('sandbox');
    expect(sandbox).not.toBeNull();
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    await expect(page.frameLocator('[data-testid="message-body-frame"]').locator('h1')).toHaveText('Weekly digest');
    await expect(page.getByTestId('remote-content-banner')).toBeVisible();
    await page.waitForTimeout(1500);
    expect(pixel.hits()).toBe(0);

    await page.getByTestId('load-remote-button').first().click();
    await expect.poll(() => pixel.hits('/pixel.gif'), { timeout: 10_000 }).toBeGreaterThan(0);
    // Even with remote content allowed, scripts and handlers never run and refresh never fires.
    await page.waitForTimeout(1000);
    expect(pixel.hits('/script-ran')).toBe(0);
    expect(pixel.hits('/onerror-ran')).toBe(0);
    expect(pixel.hits('/refresh')).toBe(0);
  } finally {
    await pixel.close();
  }
});

test('the attachment keeps a safe name and downloads intact', async ({ page, served }) => {
  const pixel = await startPixelServer();
  try {
    const mbox = writeE2eMbox(pixel.url, 0);
    await page.goto(served.url);
    await page.getByTestId('import-input').setInputFiles(mbox);
    await expect(page.getByTestId('import-status')).toContainText(/5 imported|imported 5/i, { timeout: 30_000 });
    await page.locator('[data-testid="folder-item"][data-folder-name="Inbox"]').click();
    await page.getByTestId('thread-row').filter({ hasText: 'Signed contract attached' }).click();
    const link = page.getByTestId('reader').getByText('contract.txt');
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('contract.txt');
    const stream = await download.createReadStream();
    let body = '';
    for await (const chunk of stream) body += chunk;
    expect(body).toBe('This is the contract text.\n');
  } finally {
    await pixel.close();
  }
});
