import { useState } from 'react';
import { Icon } from '../app/Icon';
import { notificationPermission } from './useNewMailNotifications';

const DISMISSED_KEY = 'pmsync.notificationPromptDismissed';

function dismissedBefore(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Asks for permission from a click (browsers ignore or punish requests made on page load). */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** A one-time bar offering new-mail notifications; gone for good once answered or dismissed. */
export function NotificationPrompt({ show }: { show: boolean }) {
  const [hidden, setHidden] = useState(() => dismissedBefore() || notificationPermission() !== 'default');
  if (!show || hidden) return null;
  const close = () => {
    setHidden(true);
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Shown again next time; harmless.
    }
  };
  return (
    <div className="notify-prompt" role="region" aria-label="Desktop notifications" data-testid="notification-prompt">
      <Icon name="bell" size={16} />
      <span>Get a desktop notification when new mail arrives?</span>
      <button type="button" className="button small primary" onClick={() => void requestNotificationPermission().then(close)}>Turn on</button>
      <button type="button" className="button small ghost" onClick={close}>Not now</button>
    </div>
  );
}
