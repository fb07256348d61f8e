import type { Template } from '../../shared/api/compose';
import type { Db } from './connection';
import { StatementCache } from './statements';

interface Row { id: number; name: string; subject: string; html: string; updated_at: number }

const toTemplate = (r: Row): Template => ({ id: r.id, name: r.name, subject: r.subject, html: r.html, updatedAt: r.updated_at });

/** Message templates (migration 0130). */
export class TemplateRepository {
  private readonly stmts: StatementCache;
  constructor(db: Db) {
    this.stmts = new StatementCache(db);
  }

  list(): Template[] {
    return this.stmts.get<Row>('SELECT id, name, subject, html, updated_at FROM templates ORDER BY name COLLATE NOCASE, id').all().map(toTemplate);
  }

  get(id: number): Template | undefined {
    const r = this.stmts.get<Row>('SELECT id, name, subject, html, updated_at FROM templates WHERE id = ?').get(id);
    return r ? toTemplate(r) : undefined;
  }

  insert(t: { name: string; subject: string; html: string }, now: number): number {
    return Number(this.stmts.get('INSERT INTO templates(name, subject, html, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.name, t.subject, t.html, now, now).lastInsertRowid);
  }

  update(id: number, t: { name: string; subject: string; html: string }, now: number): boolean {
    return this.stmts.get('UPDATE templates SET name = ?, subject = ?, html = ?, updated_at = ? WHERE id = ?').run(t.name, t.subject, t.html, now, id).changes === 1;
  }

  delete(id: number): boolean {
    return this.stmts.get('DELETE FROM templates WHERE id = ?').run(id).changes === 1;
  }
}
