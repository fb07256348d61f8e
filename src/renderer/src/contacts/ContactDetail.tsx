import type { Contact } from '../../../shared/api/contacts';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { useOptionalCompose } from '../compose/compose-context';
import { formatAddress, formatBirthday, initials } from './contact-form';
import { writeTo } from './write-to';

export function ContactAvatar({ name, photo, size }: { name: string; photo: string | null; size: number }) {
  // Only data: URLs of checked images reach here (the core sniffs the bytes); remote photos are never loaded.
  if (photo && photo.startsWith('data:image/')) return <img className="contact-avatar" src={photo} alt="" width={size} height={size} />;
  return <span className="contact-avatar initials" style={{ width: size, height: size, fontSize: size * 0.4 }} aria-hidden="true">{initials(name)}</span>;
}

const SYNC_TEXT: Record<Contact['syncState'], string | null> = {
  synced: null,
  pending: 'Saved here; goes to the server when it is reachable.',
  conflict: 'Changed here and on the server at the same time; choose the version to keep above.',
};

export function ContactDetail({ contact, readOnly, onEdit, onDelete }: { contact: Contact; readOnly: boolean; onEdit(): void; onDelete(): void }) {
  const { api, reportError } = useServices();
  const compose = useOptionalCompose();
  const canCompose = compose !== null && compose.accounts.length > 0;
  const label = (type: string) => (type ? <span className="contact-label">{type}</span> : null);
  const sync = SYNC_TEXT[contact.syncState];
  return (
    <article className="contact-detail" aria-label={`Contact ${contact.fullName}`} data-testid="contact-detail">
      <header className="contact-detail-head">
        <ContactAvatar name={contact.fullName} photo={contact.photo} size={72} />
        <div className="contact-detail-title">
          <h2 data-testid="contact-name">{contact.fullName}</h2>
          {(contact.title || contact.organization) && <p className="muted">{[contact.title, contact.organization].filter(Boolean).join(' · ')}</p>}
          {contact.groups.length > 0 && <p className="contact-groups">{contact.groups.map((g) => <span key={g} className="pill">{g}</span>)}</p>}
        </div>
        <div className="contact-detail-actions">
          <button type="button" className="button small" onClick={onEdit} disabled={readOnly} title={readOnly ? 'This address book is read-only on the server.' : undefined} data-testid="contact-edit">
            <Icon name="pencil" size={14} /> Edit
          </button>
          <button type="button" className="button small danger" onClick={onDelete} disabled={readOnly} data-testid="contact-delete">
            <Icon name="trash" size={14} /> Delete
          </button>
        </div>
      </header>
      {sync && <p className={`contact-sync ${contact.syncState}`} role="status">{sync}</p>}
      <dl className="contact-fields">
        {contact.emails.map((e, i) => (
          <div key={`e${i}`} className="contact-field">
            <dt>Email {label(e.type)}</dt>
            <dd>
              <a
                href={`mailto:${e.value}`}
                onClick={(ev) => {
                  if (!canCompose) return; // no composer here: the browser's own mailto handling
                  ev.preventDefault();
                  writeTo(api, compose, contact.fullName, e.value).catch((err: unknown) => reportError(err, `start a message to ${e.value}`));
                }}
              >{e.value}</a>
            </dd>
          </div>
        ))}
        {contact.phones.map((p, i) => (
          <div key={`p${i}`} className="contact-field"><dt>Phone {label(p.type)}</dt><dd><a href={`tel:${p.value.replace(/[^\d+]/g, '')}`}>{p.value}</a></dd></div>
        ))}
        {contact.addresses.map((a, i) => (
          <div key={`a${i}`} className="contact-field"><dt>Address {label(a.type)}</dt><dd>{formatAddress(a).map((l, j) => <div key={j}>{l}</div>)}</dd></div>
        ))}
        {contact.birthday && <div className="contact-field"><dt>Birthday</dt><dd>{formatBirthday(contact.birthday)}</dd></div>}
        {contact.note && <div className="contact-field"><dt>Note</dt><dd className="contact-note">{contact.note}</dd></div>}
      </dl>
      <p className="muted small">vCard {contact.version}</p>
    </article>
  );
}
