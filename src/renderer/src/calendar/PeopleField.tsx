import { useState } from 'react';
import type { Attendee } from '../../../shared/api/calendar';
import { Icon } from '../app/Icon';
import { FieldProblem } from './EventFields';
import { parseAttendee, type AttendeeInput, type FormErrors } from './event-form';

const PARTSTAT_WORDS: Record<Attendee['partstat'], string> = {
  'NEEDS-ACTION': 'no answer yet', ACCEPTED: 'going', TENTATIVE: 'maybe', DECLINED: 'not going', DELEGATED: 'delegated',
};

/** Attendees as removable rows, added one address at a time ("Name <address>" or bare). */
export function PeopleField({ attendees, known, errors, onChange }: { attendees: AttendeeInput[]; known: Attendee[]; errors: FormErrors; onChange(next: AttendeeInput[]): void }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    if (!draft.trim()) return;
    const parsed = parseAttendee(draft);
    if (!parsed) {
      setProblem(`“${draft.trim()}” is not an email address. Type one like ann@example.org or Ann Lee <ann@example.org>.`);
      return;
    }
    if (!attendees.some((a) => a.email.toLowerCase() === parsed.email.toLowerCase())) onChange([...attendees, parsed]);
    setDraft('');
    setProblem(null);
  };
  const status = (email: string) => known.find((k) => k.email.toLowerCase() === email.toLowerCase())?.partstat;
  return (
    <div className="field">
      <span>Attendees</span>
      {attendees.length > 0 && (
        <ul className="attendee-list" data-testid="event-attendees">
          {attendees.map((a) => {
            const ps = status(a.email);
            return (
              <li key={a.email}>
                <span className="attendee-name">{a.name || a.email}</span>
                {a.name && <span className="muted">{a.email}</span>}
                {ps && <span className={`pill partstat-${ps.toLowerCase()}`}>{PARTSTAT_WORDS[ps]}</span>}
                <button type="button" className="icon-button" aria-label={`Remove ${a.email}`} onClick={() => onChange(attendees.filter((x) => x !== a))}><Icon name="close" size={12} /></button>
              </li>
            );
          })}
        </ul>
      )}
      <span className="attendee-add">
        <input data-testid="event-attendee-input" aria-label="Add attendee" placeholder="Add someone by email" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }} />
        <button type="button" className="button small" onClick={add}>Add</button>
      </span>
      {problem && <div className="field-error" role="alert">{problem}</div>}
      <FieldProblem errors={errors} field="attendees" />
    </div>
  );
}
