import { useCallback, useEffect, useState } from 'react';
import type { Invitation } from '../../../shared/api/calendar';
import { isNotAvailable } from '../accounts/setup-logic';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { invitationNotice, invitationWhen, RESPONSE_WORDS } from '../calendar/invitation-text';
// Card styles live with the calendar's; imported here too so the mail reader has them without opening the calendar.
import '../styles/calendar.css';

export { mayCarryInvitation } from '../calendar/invitation-text';

type Response = keyof typeof RESPONSE_WORDS;

/** An iMIP invitation in the reader: when (in the user's zone), where, who, conflicts, and the answer buttons. */
export function InvitationCard({ messageId }: { messageId: number }) {
  const { api, notify, reportError } = useServices();
  const [inv, setInv] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setInv(await api.calendar.getInvitation({ messageId }));
    } catch (err) {
      if (!isNotAvailable(err)) reportError(err, 'read the invitation');
    }
  }, [api, messageId, reportError]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!inv) return null;

  const respond = async (response: Response) => {
    setBusy(true);
    try {
      const r = await api.calendar.respondInvitation({ messageId, response });
      notify({ level: 'info', message: `${RESPONSE_WORDS[response]} “${inv.title}”.${r.replyOutboxId !== null ? ` Your answer goes to ${inv.organizer?.name || inv.organizer?.email || 'the organizer'}.` : ''}` });
      await load();
    } catch (err) {
      reportError(err, 'answer the invitation');
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    setBusy(true);
    try {
      const r = await api.calendar.applyInvitation({ messageId });
      notify({ level: 'info', message: r.removed ? `Removed “${inv.title}” from your calendar.` : `Updated “${inv.title}” in your calendar.` });
      await load();
    } catch (err) {
      reportError(err, 'update your calendar');
    } finally {
      setBusy(false);
    }
  };

  const notice = invitationNotice(inv);
  const cancelled = inv.method === 'CANCEL';
  const canAnswer = (inv.method === 'REQUEST' || inv.method === 'PUBLISH') && !inv.outdated;
  const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  return (
    <section className={`invitation-card${cancelled ? ' cancelled' : ''}`} data-testid="invitation-card" data-method={inv.method} aria-label="Invitation">
      <h3><Icon name="calendar" size={16} /> {cancelled ? 'Cancelled: ' : ''}{inv.title || '(No title)'}{inv.recurring ? ' (repeats)' : ''}</h3>
      <div className="invitation-line" data-testid="invitation-when">{invitationWhen(inv)}</div>
      {inv.location && <div className="invitation-line">Where: {inv.location}</div>}
      {inv.organizer && <div className="invitation-line muted">Organizer: {inv.organizer.name ? `${inv.organizer.name} <${inv.organizer.email}>` : inv.organizer.email}</div>}
      {inv.attendees.length > 0 && <div className="invitation-line muted">{inv.attendees.length} invited</div>}
      {inv.conflicts.length > 0 && (
        <div className="invitation-note" data-testid="invitation-conflicts">
          Overlaps {inv.conflicts.map((c) => `${c.title || '(No title)'} (${time(c.start)}–${time(c.end)})`).join(', ')}
        </div>
      )}
      {notice && <div className="invitation-note" data-testid="invitation-notice">{notice}</div>}
      {canAnswer && (
        <div className="invitation-actions" role="group" aria-label="Your answer">
          {(['ACCEPTED', 'TENTATIVE', 'DECLINED'] as const).map((r) => (
            <button key={r} type="button" className="button small" aria-pressed={inv.myPartstat === r} disabled={busy} data-testid={`invitation-${r.toLowerCase()}`} onClick={() => void respond(r)}>
              {r === 'ACCEPTED' ? 'Accept' : r === 'TENTATIVE' ? 'Maybe' : 'Decline'}
            </button>
          ))}
          {inv.myPartstat && inv.myPartstat !== 'NEEDS-ACTION' && <span className="muted small">You answered: {RESPONSE_WORDS[inv.myPartstat as Response] ?? inv.myPartstat.toLowerCase()}</span>}
        </div>
      )}
      {cancelled && inv.eventId !== null && !inv.outdated && (
        <div className="invitation-actions">
          <button type="button" className="button small danger-outline" disabled={busy} data-testid="invitation-remove" onClick={() => void apply()}>Remove from calendar</button>
        </div>
      )}
    </section>
  );
}
