import { Icon } from '../app/Icon';
import { FieldProblem } from './EventFields';
import { ALARM_CHOICES, alarmLabel, type FormErrors } from './event-form';

/** Reminders as a list of "N before" choices; the core turns them into VALARMs. */
export function RemindersField({ alarms, errors, onChange }: { alarms: number[]; errors: FormErrors; onChange(next: number[]): void }) {
  const unused = ALARM_CHOICES.filter((m) => !alarms.includes(m));
  return (
    <div className="field">
      <span>Reminders</span>
      {alarms.map((m, index) => (
        <span key={`${m}-${index}`} className="reminder-row">
          <select aria-label="Reminder" value={m} onChange={(e) => onChange(alarms.map((x, i) => (i === index ? Number(e.target.value) : x)))}>
            {[m, ...unused].sort((a, b) => a - b).map((choice) => <option key={choice} value={choice}>{alarmLabel(choice)}</option>)}
          </select>
          <button type="button" className="icon-button" aria-label={`Remove reminder ${alarmLabel(m)}`} onClick={() => onChange(alarms.filter((_, i) => i !== index))}><Icon name="close" size={12} /></button>
        </span>
      ))}
      {unused.length > 0 && alarms.length < 10 && (
        <button type="button" className="button small ghost reminder-add" data-testid="event-add-reminder" onClick={() => onChange([...alarms, unused.includes(10) ? 10 : unused[0]!])}>
          <Icon name="bell" size={14} /> Add reminder
        </button>
      )}
      <FieldProblem errors={errors} field="alarms" />
    </div>
  );
}
