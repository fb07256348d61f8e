// The benchmark's 10 searches, each in PMSync's syntax and notmuch's, chosen to hit the needles
// documented in src/core/demo/generate-mailbox.ts. Dates assume the bench's fixed `now`
// (2025-06-01) and TZ=UTC. PMSync's before: is exclusive, notmuch's `..DATE` includes that day.
export const QUERIES = [
  { name: 'rare word', pmsync: 'zanzibar', notmuch: 'zanzibar' },
  { name: 'common word', pmsync: 'meeting', notmuch: 'meeting' },
  { name: 'phrase', pmsync: '"quarterly budget review"', notmuch: '"quarterly budget review"' },
  { name: 'from', pmsync: 'from:dana@fbi.example', notmuch: 'from:dana@fbi.example' },
  { name: 'prefix', pmsync: 'budg*', notmuch: 'budg*' },
  { name: 'attachment', pmsync: 'has:attachment', notmuch: 'tag:attachment' },
  { name: 'date range', pmsync: 'after:2025-01-01 before:2025-03-01', notmuch: 'date:2025-01-01..2025-02-28' },
  { name: 'subject', pmsync: 'subject:invoice', notmuch: 'subject:invoice' },
  { name: 'two words', pmsync: 'roadmap deploy', notmuch: 'roadmap and deploy' },
  { name: 'folder', pmsync: 'in:Newsletters', notmuch: 'folder:Newsletters' },
];
