// Test messages: small, valid RFC 822 with a known Message-ID and an optional padded body.

export interface TestMessageSpec {
  n: number;
  subject?: string;
  /** Approximate body size in bytes (padding lines). */
  bodyBytes?: number;
  tag?: string;
}

export function testMessage(spec: TestMessageSpec): Buffer {
  const tag = spec.tag ?? 'msg';
  const lines = [
    `From: Sender ${spec.n} <sender${spec.n}@example.test>`,
    'To: Alice <alice@example.test>',
    `Subject: ${spec.subject ?? `${tag} number ${spec.n}`}`,
    `Date: ${new Date(Date.UTC(2024, 0, 1) + spec.n * 60_000).toUTCString()}`,
    `Message-ID: <${tag}-${spec.n}@pmsync.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of ${tag} ${spec.n}.`,
  ];
  const pad = spec.bodyBytes ?? 0;
  for (let written = 0; written < pad; written += 77) lines.push(`${tag}-${spec.n} `.padEnd(76, 'x'));
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

export function testMessages(count: number, tag = 'msg', bodyBytes = 0): Buffer[] {
  return Array.from({ length: count }, (_, i) => testMessage({ n: i + 1, tag, bodyBytes }));
}

export function messageIdOfTest(tag: string, n: number): string {
  return `${tag}-${n}@pmsync.test`;
}

/** Resolves once `check` returns true; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
