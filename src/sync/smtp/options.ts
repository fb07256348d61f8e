import type { SmtpCheckSettings } from './check';

/**
 * How PMSync reaches an account's outgoing server, shared by the login check and sending so both
 * treat TLS the same way. Fits nodemailer's transport and SMTPConnection options alike.
 */
export function smtpConnectionOptions(settings: SmtpCheckSettings, timeoutMs: number) {
  const isIp = /^[\d.]+$|:/.test(settings.host);
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'implicit',
    // STARTTLS is required when asked for, and never attempted for 'none' (plain loopback servers).
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    tls: {
      ...(settings.caPem ? { ca: settings.caPem } : {}),
      // A certificate names hosts, not addresses: for 127.0.0.1 check it against "localhost".
      ...(isIp && settings.caPem ? { servername: 'localhost' } : {}),
    },
    name: 'pmsync.localhost',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false as const,
  };
}
