import type { Migration } from '../migrate';

/**
 * Full-text index over subject, sender, recipients, body text and attachment names, with
 * message_bodies as external content (no second copy of the text; snippet() reads it back).
 * Triggers keep it in step with every update and delete of a body, including the cascade when
 * a message is deleted. New bodies are indexed by MessageWriter, one INSERT…SELECT per batch,
 * not by a row trigger: FTS5 writes its pending terms to disk at the start of every statement
 * that opens a statement journal, so a per-row trigger left one tiny index segment per message
 * (and constant merging); per batch, import ran ~2x faster (see store/message-writer.ts).
 * prefix='2 3' makes `bud*` queries index lookups.
 */
export const fullTextSearch: Migration = {
  version: 30,
  name: 'fts',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_fts USING fts5(
        subject, sender, recipients, body, attachments,
        content='message_bodies', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2',
        prefix='2 3'
      );
      CREATE TRIGGER message_bodies_fts_delete AFTER DELETE ON message_bodies BEGIN
        INSERT INTO message_fts(message_fts, rowid, subject, sender, recipients, body, attachments)
        VALUES ('delete', old.id, old.subject, old.sender, old.recipients, old.body, old.attachments);
      END;
      CREATE TRIGGER message_bodies_fts_update AFTER UPDATE OF subject, sender, recipients, body, attachments ON message_bodies BEGIN
        INSERT INTO message_fts(message_fts, rowid, subject, sender, recipients, body, attachments)
        VALUES ('delete', old.id, old.subject, old.sender, old.recipients, old.body, old.attachments);
        INSERT INTO message_fts(rowid, subject, sender, recipients, body, attachments)
        VALUES (new.id, new.subject, new.sender, new.recipients, new.body, new.attachments);
      END;
      -- Index what earlier versions stored.
      INSERT INTO message_fts(message_fts) VALUES ('rebuild');
    `);
  },
};
