import { PRESETS, presetLabel, type Ends, type Preset, type Recurrence } from './recurrence';
import { FieldProblem } from './EventFields';
import type { FormErrors } from './event-form';
import { parseWall } from './zoned-time';

/** Repeat presets, an end (never / on a date / after N times), or a hand-written RRULE. */
export function RepeatField({ value, startDate, errors, onChange }: { value: Recurrence; startDate: string; errors: FormErrors; onChange(next: Recurrence): void }) {
  const start = parseWall(startDate, '00:00') ?? { year: 2000, month: 1, day: 1, hour: 0, minute: 0 };
  const setEnds = (ends: Ends) => onChange({ ...value, ends });
  return (
    <div className="field">
      <span>Repeat</span>
      <select data-testid="event-repeat" value={value.preset} onChange={(e) => onChange({ ...value, preset: e.target.value as Preset })}>
        {PRESETS.map((p) => <option key={p} value={p}>{presetLabel(p, start)}</option>)}
      </select>
      {value.preset === 'custom' && (
        <input data-testid="event-rrule" aria-label="Custom repeat rule (RRULE)" placeholder="FREQ=MONTHLY;BYDAY=-1FR" spellCheck={false} value={value.custom} aria-invalid={!!errors.recurrence || undefined} onChange={(e) => onChange({ ...value, custom: e.target.value })} />
      )}
      {value.preset !== 'none' && value.preset !== 'custom' && (
        <span className="repeat-ends">
          <select aria-label="Repeat ends" data-testid="event-repeat-ends" value={value.ends.kind} onChange={(e) => {
            const kind = e.target.value as Ends['kind'];
            setEnds(kind === 'count' ? { kind, count: 10 } : kind === 'until' ? { kind, date: startDate } : { kind: 'never' });
          }}>
            <option value="never">Forever</option>
            <option value="until">Until</option>
            <option value="count">Number of times</option>
          </select>
          {value.ends.kind === 'until' && <input type="date" aria-label="Last date" value={value.ends.date} onChange={(e) => setEnds({ kind: 'until', date: e.target.value })} />}
          {value.ends.kind === 'count' && <input type="number" aria-label="Times" min={1} max={99999} value={value.ends.count} onChange={(e) => setEnds({ kind: 'count', count: Number(e.target.value) })} />}
        </span>
      )}
      <FieldProblem errors={errors} field="recurrence" />
    </div>
  );
}
