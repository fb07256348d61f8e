import { useEffect, useState } from 'react';
import type { Template } from '../../../shared/api/compose';
import { useServices } from '../app/services';
import { describeError } from '../app/describe-error';
import type { DraftSession } from './draft-session';

interface Props {
  session: DraftSession;
  onInsert(template: Template): void;
  onClose(): void;
}

/** Insert a saved template at the caret, save this message as one, or delete old ones. */
export function TemplatesMenu({ session, onInsert, onClose }: Props) {
  const { api, notify, reportError } = useServices();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.compose.listTemplates({}).then(setTemplates, (err: unknown) => {
      const d = describeError(err, 'load your templates');
      setError(`${d.message}${d.hint ? ` ${d.hint}` : ''}`);
    });
  }, [api]);

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the template a name.');
    setSaving(true);
    try {
      await session.flush(); // the template copies the stored draft
      const t = await api.compose.saveTemplate({ name: trimmed, fromDraftId: session.draftId });
      notify({ level: 'info', message: `Saved template “${t.name}”.` });
      onClose();
    } catch (err) {
      reportError(err, 'save the template');
    } finally {
      setSaving(false);
    }
  };

  const remove = async (t: Template) => {
    try {
      await api.compose.deleteTemplate({ id: t.id });
      setTemplates((list) => list?.filter((x) => x.id !== t.id) ?? null);
    } catch (err) {
      reportError(err, 'delete the template');
    }
  };

  return (
    <div className="compose-popover templates-menu" role="dialog" aria-label="Templates" data-testid="templates-menu" onKeyDown={(e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    }}>
      <h3>Insert a template</h3>
      {templates === null && !error && <p className="muted">Loading…</p>}
      {templates?.length === 0 && <p className="muted">No templates yet. Save this message as the first one below.</p>}
      {templates && templates.length > 0 && (
        <ul className="template-list">
          {templates.map((t) => (
            <li key={t.id}>
              <button type="button" className="button ghost template-insert" data-testid="template-insert" onClick={() => onInsert(t)}>
                {t.name}{t.subject && <span className="muted"> — {t.subject}</span>}
              </button>
              <button type="button" className="icon-button" aria-label={`Delete template ${t.name}`} onClick={() => void remove(t)}>×</button>
            </li>
          ))}
        </ul>
      )}
      <h3>Save this message as a template</h3>
      <div className="template-save">
        <input value={name} placeholder="Template name" aria-label="Template name" data-testid="template-name" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
        }} />
        <button type="button" className="button small" disabled={saving} data-testid="template-save" onClick={() => void save()}>{saving ? 'Saving…' : 'Save'}</button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
