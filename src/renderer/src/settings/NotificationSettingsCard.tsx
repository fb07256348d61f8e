import { useState } from 'react';
import { Icon } from '../app/Icon';
import { requestNotificationPermission } from '../notify/NotificationPrompt';
import { loadQuietHours, saveQuietHours, type QuietHours } from '../notify/quiet-hours';
import { notificationPermission } from '../notify/useNewMailNotifications';

const PERMISSION_TEXT = {
  granted: 'Desktop notifications are on for this browser.',
  denied: 'This browser blocks notifications from PMSync. Allow them in the site settings (the icon left of the address), then reload.',
  default: 'PMSync has not asked yet.',
  unsupported: 'This browser cannot show desktop notifications.',
} as const;

/** Browser permission (asked on a click) and quiet hours (kept in this browser). */
export function NotificationSettingsCard() {
  const [permission, setPermission] = useState(notificationPermission);
  const [quiet, setQuiet] = useState<QuietHours>(loadQuietHours);
  const change = (patch: Partial<QuietHours>) => {
    const next = { ...quiet, ...patch };
    setQuiet(next);
    saveQuietHours(next);
  };
  return (
    <section className="card" data-testid="notification-settings">
      <h2>Notifications</h2>
      <p className="muted">{PERMISSION_TEXT[permission]}</p>
      {permission === 'default' && (
        <button type="button" className="button" onClick={() => void requestNotificationPermission().then(() => setPermission(notificationPermission()))}>
          <Icon name="bell" size={16} />Allow desktop notifications
        </button>
      )}
      <label className="check-row spaced">
        <input type="checkbox" data-testid="quiet-hours-enabled" checked={quiet.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
        <span>Quiet hours: no notifications from</span>
        <input type="time" aria-label="Quiet hours start" value={quiet.start} disabled={!quiet.enabled} onChange={(e) => e.target.value && change({ start: e.target.value })} />
        <span>to</span>
        <input type="time" aria-label="Quiet hours end" value={quiet.end} disabled={!quiet.enabled} onChange={(e) => e.target.value && change({ end: e.target.value })} />
      </label>
      <p className="muted small">Per-account switches are with each account below.</p>
    </section>
  );
}
