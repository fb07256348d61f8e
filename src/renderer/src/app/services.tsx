import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ConnectedClient } from '../../../shared/api/client';
import type { ApiClient } from '../../../shared/api/index';
import { PmsyncError } from '../../../shared/errors';
import { describeError } from './describe-error';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  hint?: string;
}

interface Services {
  client: ConnectedClient;
  api: ApiClient;
  notices: Notice[];
  notify(notice: Omit<Notice, 'id'>): void;
  /** Turns any failure into an error toast with the API's message and hint. */
  reportError(err: unknown, doing?: string): void;
  dismiss(id: number): void;
}

const ServicesContext = createContext<Services | null>(null);
let nextNoticeId = 1;

export function ServicesProvider({ client, children }: { client: ConnectedClient; children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback((notice: Omit<Notice, 'id'>) => {
    const id = nextNoticeId++;
    // Keep at most five; identical consecutive notices collapse into one.
    setNotices((list) => (list.some((n) => n.message === notice.message) ? list : [...list.slice(-4), { ...notice, id }]));
    if (notice.level === 'info') setTimeout(() => dismiss(id), 6000);
  }, [dismiss]);
  const reportError = useCallback((err: unknown, doing?: string) => {
    // A dropped connection has its own banner; one toast per failed call would only repeat it.
    if (err instanceof PmsyncError && err.code === 'TRANSPORT_CLOSED') return;
    const { message, hint } = describeError(err, doing);
    if (err instanceof Error) console.error(`[renderer] ${doing ?? 'call'} failed`, err);
    notify({ level: 'error', message, hint });
  }, [notify]);
  const value = useMemo(() => ({ client, api: client.api, notices, notify, reportError, dismiss }), [client, notices, notify, reportError, dismiss]);
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
