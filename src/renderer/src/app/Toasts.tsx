import { Icon } from './Icon';
import { useServices } from './services';

export function Toasts() {
  const { notices, dismiss } = useServices();
  if (notices.length === 0) return null;
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid="toast">
          <Icon name={n.level === 'info' ? 'check' : 'alert'} size={18} className="toast-icon" />
          <div className="toast-body">
            <div className="toast-message">{n.message}</div>
            {n.hint && <div className="toast-hint">{n.hint}</div>}
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss notification" onClick={() => dismiss(n.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
