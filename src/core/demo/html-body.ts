/**
 * HTML renderings for demo messages: a personal/work message as a mail client would write it
 * (inline CSS, a status table, a blockquote, maybe a cid: image), and a newsletter with a
 * table layout, a <style> block and a remote tracking pixel (the thing remote-content
 * blocking must stop).
 */
import type { BodyContent } from './prose';
import type { SeededRandom } from './random';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CELL = 'style="border:1px solid #d0d7de;padding:4px 8px;text-align:left"';

export function renderHtml(content: BodyContent, inlineImageCid: string | null): string {
  const out: string[] = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'];
  out.push('<div dir="ltr" style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#1f2328">');
  out.push(`<p>${escapeHtml(content.greeting)}</p>`);
  for (const p of content.paragraphs) out.push(`<p style="margin:0 0 12px 0">${escapeHtml(p)}</p>`);
  if (content.table) {
    out.push('<table cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 16px 0;font-size:13px">');
    out.push(`<thead><tr style="background:#f6f8fa"><th ${CELL}>Item</th><th ${CELL}>Owner</th><th ${CELL}>Status</th><th ${CELL}>Due</th></tr></thead><tbody>`);
    for (const row of content.table) {
      const color = row.status === 'blocked' || row.status === 'at risk' ? '#cf222e' : row.status === 'done' ? '#1a7f37' : '#1f2328';
      out.push(`<tr><td ${CELL}>${escapeHtml(row.item)}</td><td ${CELL}>${escapeHtml(row.owner)}</td>`
        + `<td ${CELL}><span style="color:${color};font-weight:600">${escapeHtml(row.status)}</span></td><td ${CELL}>${row.due}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (inlineImageCid) {
    out.push(`<p><img src="cid:${inlineImageCid}" alt="chart" width="480" style="max-width:100%;border:0"></p>`);
  }
  out.push(`<p>${escapeHtml(content.signOff)}<br>${escapeHtml(content.signature)}</p></div>`);
  if (content.quote) {
    out.push(`<div class="gmail_quote"><div dir="ltr">On ${escapeHtml(content.quote.when)}, ${escapeHtml(content.quote.author)} wrote:<br></div>`);
    out.push('<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">');
    out.push(`<p>${escapeHtml(content.quote.text)}</p></blockquote></div>`);
  }
  out.push('</body></html>');
  return out.join('\n');
}

export interface NewsletterContent {
  brand: string;
  headline: string;
  articles: { title: string; text: string; slug: string }[];
  trackingPixelUrl: string;
}

/** The text/plain alternative of a newsletter (what text-only readers and search see). */
export function renderNewsletterText(n: NewsletterContent): string {
  const lines = [n.brand.toUpperCase(), '', n.headline, ''];
  for (const a of n.articles) lines.push(a.title, '-'.repeat(Math.min(a.title.length, 60)), a.text, `Read more: https://newsletter.example/${a.slug}`, '');
  lines.push('You receive this because you subscribed. Unsubscribe: https://newsletter.example/unsubscribe');
  return lines.join('\n') + '\n';
}

export function renderNewsletterHtml(n: NewsletterContent, rng: SeededRandom): string {
  const accent = rng.pick(['#0b5fff', '#d6336c', '#2b8a3e', '#e8590c', '#5f3dc4']);
  const out: string[] = [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(n.headline)}</title>`,
    `<style>body{margin:0;background:#f1f3f5}.btn{background:${accent};color:#fff;border-radius:4px;padding:8px 14px;text-decoration:none}`
      + '@media (max-width:600px){.container{width:100%!important}}</style></head>',
    '<body style="margin:0;padding:0;background:#f1f3f5">',
    '<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background:#f1f3f5"><tr><td align="center">',
    '<table role="presentation" class="container" width="600" cellspacing="0" cellpadding="0" border="0" style="background:#ffffff;margin:24px 0;font-family:Georgia,serif">',
    `<tr><td style="background:${accent};color:#ffffff;padding:20px 24px;font-size:22px;font-weight:bold">${escapeHtml(n.brand)}</td></tr>`,
    `<tr><td style="padding:24px 24px 8px 24px;font-size:20px;color:#212529">${escapeHtml(n.headline)}</td></tr>`,
  ];
  for (const a of n.articles) {
    out.push(`<tr><td style="padding:12px 24px;border-bottom:1px solid #e9ecef">`
      + `<h2 style="font-size:17px;margin:0 0 6px 0;color:#343a40">${escapeHtml(a.title)}</h2>`
      + `<p style="font-size:15px;line-height:1.5;color:#495057;margin:0 0 10px 0">${escapeHtml(a.text)}</p>`
      + `<a class="btn" href="https://newsletter.example/${a.slug}" style="background:${accent};color:#ffffff;padding:8px 14px;text-decoration:none">Read more</a></td></tr>`);
  }
  out.push(
    '<tr><td style="padding:16px 24px;font-size:12px;color:#868e96">You receive this because you subscribed. '
      + '<a href="https://newsletter.example/unsubscribe" style="color:#868e96">Unsubscribe</a></td></tr>',
    '</table></td></tr></table>',
    `<img src="${escapeHtml(n.trackingPixelUrl)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`,
    '</body></html>',
  );
  return out.join('\n');
}
