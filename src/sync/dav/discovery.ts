import { PmsyncError } from '../../shared/errors';
import { statusError } from './errors';
import { canonicalPath } from './href';
import type { DavHttp } from './http';
import { colorOf, componentsOf, hasChild, hrefOf, isReadOnly, text } from './props';
import type { Discovery, RemoteCollection } from './types';

const NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cr="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/" xmlns:a="http://apple.com/ns/ical/"';
const PRINCIPAL = `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop><d:current-user-principal/></d:prop></d:propfind>`;
const HOMES = `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop><c:calendar-home-set/><cr:addressbook-home-set/></d:prop></d:propfind>`;
const COLLECTIONS = `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop><d:resourcetype/><d:displayname/><a:calendar-color/><d:current-user-privilege-set/><c:supported-calendar-component-set/><cs:getctag/><d:sync-token/></d:prop></d:propfind>`;

function withSlash(u: string): string {
  return u.endsWith('/') ? u : `${u}/`;
}

/** Where /.well-known/<service> points (RFC 6764), or null when the server has no redirect. */
async function wellKnown(http: DavHttp, origin: string, service: 'caldav' | 'carddav'): Promise<string | null> {
  const url = new URL(`/.well-known/${service}`, origin).href;
  const r = await http.fetch(url, { method: 'PROPFIND', redirect: 'manual', headers: { depth: '0', 'content-type': 'application/xml; charset=utf-8' }, body: PRINCIPAL });
  await r.arrayBuffer();
  if (r.status === 401) throw statusError(401, 'sign-in', url);
  const location = r.headers.get('location');
  if (r.status >= 300 && r.status < 400 && location) return new URL(location, url).href;
  return null;
}

async function principalAt(http: DavHttp, url: string): Promise<string | null> {
  const ms = await http.xml('PROPFIND', url, PRINCIPAL, '0');
  if (ms.status === 401) throw statusError(401, 'sign-in', url);
  if (ms.status !== 207) return null;
  for (const r of ms.responses) {
    const href = hrefOf(r.props?.currentUserPrincipal);
    if (href) return new URL(href, url).href;
  }
  return null;
}

/** Every calendar and address book directly below a home set. */
export async function listCollections(http: DavHttp, home: string): Promise<RemoteCollection[]> {
  const ms = await http.xml('PROPFIND', home, COLLECTIONS, '1');
  if (ms.status !== 207) throw statusError(ms.status, 'listing calendars and address books', home);
  const found: RemoteCollection[] = [];
  for (const r of ms.responses) {
    const p = r.props ?? {};
    const type = p.resourcetype;
    const isCalendar = hasChild(type, 'calendar');
    const isAddressBook = hasChild(type, 'addressbook');
    if (!isCalendar && !isAddressBook) continue;
    const abs = new URL(String(r.href), home);
    const url = withSlash(`${abs.origin}${canonicalPath(abs.pathname)}`);
    const slug = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
    const components = isCalendar ? componentsOf(p.supportedCalendarComponentSet) : [];
    found.push({
      kind: isCalendar ? 'calendar' : 'addressbook',
      url,
      name: text(p.displayname)?.trim() || slug,
      color: isCalendar ? colorOf(p.calendarColor) : '',
      readOnly: isReadOnly(p.currentUserPrivilegeSet),
      // A calendar that does not say what it takes accepts everything (RFC 4791 5.2.3).
      components: isCalendar && components.length === 0 ? ['VEVENT', 'VTODO', 'VJOURNAL'] : components,
      syncToken: text(p.syncToken),
      ctag: text(p.getctag),
    });
  }
  return found;
}

/**
 * RFC 6764 discovery: /.well-known/caldav and /.well-known/carddav, then the principal
 * (DAV:current-user-principal), then its home sets, then every collection in them.
 * Throws LOGIN_FAILED on a refused login and NOT_FOUND when nothing DAV-like answers.
 */
export async function discover(http: DavHttp, given: string): Promise<Discovery> {
  const start = new URL(given);
  const [calContext, cardContext] = await Promise.all([wellKnown(http, start.origin, 'caldav'), wellKnown(http, start.origin, 'carddav')]);
  const candidates = [...new Set([start.pathname !== '/' ? start.href : null, calContext, cardContext, new URL('/', start).href].filter((c): c is string => !!c))];
  let principalUrl: string | null = null;
  for (const c of candidates) {
    principalUrl = await principalAt(http, c);
    if (principalUrl) break;
  }
  if (!principalUrl) {
    throw new PmsyncError('NOT_FOUND', `${start.host} does not look like a CalDAV or CardDAV server (no principal found).`, 'Check the URL; some providers need the full CalDAV URL from their help pages.');
  }
  const homes = await http.xml('PROPFIND', principalUrl, HOMES, '0');
  if (homes.status !== 207) throw statusError(homes.status, 'finding your calendars', principalUrl);
  const props = homes.responses[0]?.props ?? {};
  const calHref = hrefOf(props.calendarHomeSet);
  const cardHref = hrefOf(props.addressbookHomeSet);
  const calendarHome = calHref ? withSlash(new URL(calHref, principalUrl).href) : null;
  const addressBookHome = cardHref ? withSlash(new URL(cardHref, principalUrl).href) : null;
  if (!calendarHome && !addressBookHome) {
    throw new PmsyncError('NOT_FOUND', `${start.host} has neither calendars nor address books for this user.`, 'Check the URL and user name.');
  }
  const homesToList = [...new Set([calendarHome, addressBookHome].filter((h): h is string => !!h))];
  const lists = await Promise.all(homesToList.map((h) => listCollections(http, h)));
  const byUrl = new Map<string, RemoteCollection>();
  for (const c of lists.flat()) byUrl.set(c.url, c);
  return { principalUrl, calendarHome, addressBookHome, collections: [...byUrl.values()] };
}
