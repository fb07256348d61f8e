import type { ServerSettings } from '../../../shared/api/accounts';

export interface ProviderSettings {
  imap: ServerSettings;
  smtp: ServerSettings;
  /** 'address' when the login is the full address, 'local-part' when only the part before @. */
  login: 'address' | 'local-part';
}

const implicit = (host: string, port = 993): ServerSettings => ({ host, port, tls: 'implicit' });
const starttls = (host: string, port = 587): ServerSettings => ({ host, port, tls: 'starttls' });

const GMAIL: ProviderSettings = { imap: implicit('imap.gmail.com'), smtp: implicit('smtp.gmail.com', 465), login: 'address' };
const OUTLOOK: ProviderSettings = { imap: implicit('outlook.office365.com'), smtp: starttls('smtp.office365.com'), login: 'address' };
const YAHOO: ProviderSettings = { imap: implicit('imap.mail.yahoo.com'), smtp: implicit('smtp.mail.yahoo.com', 465), login: 'address' };
const ICLOUD: ProviderSettings = { imap: implicit('imap.mail.me.com'), smtp: starttls('smtp.mail.me.com'), login: 'address' };
const FASTMAIL: ProviderSettings = { imap: implicit('imap.fastmail.com'), smtp: implicit('smtp.fastmail.com', 465), login: 'address' };
const GMX: ProviderSettings = { imap: implicit('imap.gmx.net'), smtp: starttls('mail.gmx.net'), login: 'address' };
const WEBDE: ProviderSettings = { imap: implicit('imap.web.de'), smtp: starttls('smtp.web.de'), login: 'address' };
const POSTEO: ProviderSettings = { imap: implicit('posteo.de'), smtp: starttls('posteo.de'), login: 'address' };
const MAILBOX_ORG: ProviderSettings = { imap: implicit('imap.mailbox.org'), smtp: implicit('smtp.mailbox.org', 465), login: 'address' };
const ZOHO: ProviderSettings = { imap: implicit('imap.zoho.com'), smtp: implicit('smtp.zoho.com', 465), login: 'address' };
// Proton Mail only speaks IMAP through the Bridge app on this computer (STARTTLS, self-signed).
const PROTON: ProviderSettings = { imap: { host: '127.0.0.1', port: 1143, tls: 'starttls' }, smtp: { host: '127.0.0.1', port: 1025, tls: 'starttls' }, login: 'address' };

/** Mail domains of providers whose settings are well known; checked before any network lookup. */
export const KNOWN_PROVIDERS: Readonly<Record<string, ProviderSettings>> = {
  'gmail.com': GMAIL, 'googlemail.com': GMAIL,
  'outlook.com': OUTLOOK, 'hotmail.com': OUTLOOK, 'live.com': OUTLOOK, 'msn.com': OUTLOOK, 'office365.com': OUTLOOK,
  'hotmail.co.uk': OUTLOOK, 'outlook.de': OUTLOOK, 'hotmail.de': OUTLOOK, 'hotmail.fr': OUTLOOK,
  'yahoo.com': YAHOO, 'ymail.com': YAHOO, 'yahoo.co.uk': YAHOO, 'yahoo.de': YAHOO, 'yahoo.fr': YAHOO,
  'icloud.com': ICLOUD, 'me.com': ICLOUD, 'mac.com': ICLOUD,
  'fastmail.com': FASTMAIL, 'fastmail.fm': FASTMAIL,
  'gmx.net': GMX, 'gmx.de': GMX, 'gmx.at': GMX, 'gmx.ch': GMX, 'gmx.com': GMX,
  'web.de': WEBDE,
  'posteo.de': POSTEO, 'posteo.net': POSTEO,
  'mailbox.org': MAILBOX_ORG,
  'zoho.com': ZOHO, 'zohomail.com': ZOHO,
  'proton.me': PROTON, 'protonmail.com': PROTON, 'protonmail.ch': PROTON, 'pm.me': PROTON,
};
