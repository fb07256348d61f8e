import type { Migration } from '../migrate';
import { accountsFolders } from './0010-accounts-folders';
import { messagesSchema } from './0020-messages';
import { fullTextSearch } from './0030-fts';
import { settings } from './0040-settings';
import { imapSync } from './0100-imap-sync';
import { tasks } from './0110-tasks';
import { outbox } from './0120-outbox';
import { drafts } from './0130-drafts';
import { davAccounts } from './0140-dav-accounts';
import { davSync } from './0145-dav-sync';
import { calendarIndex } from './0150-calendar-index';
import { contactsIndex } from './0160-contacts';
import { calendarSeriesPlans } from './0170-calendar-series-plans';

/** Every schema step, oldest first. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [accountsFolders, messagesSchema, fullTextSearch, settings, imapSync, tasks, outbox, drafts, davAccounts, davSync, calendarIndex, contactsIndex, calendarSeriesPlans];
