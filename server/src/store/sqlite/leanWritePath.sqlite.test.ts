import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inboxEvent, outboxRow, T0 } from '../../testing/storeFixtures.ts';
import { scratchSqlite, type ScratchDatabase } from '../../testing/testDatabase.ts';
import { TIMELINE_IDS_PER_STEP } from '../storeRows.ts';
import { sqliteMigrations } from './sqliteMigrations.ts';
import { SqliteStore } from './SqliteStore.ts';

/*
 * Migration 7 takes B-trees off the write path of every event (users keyed by id alone, no sqlite_sequence row
 * rewritten per insert, no outbox index by run) without losing a row or reusing an id.
 */

let database: ScratchDatabase | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  await database?.drop();
});

const TABLES = { users: 'id', events: 'seq', outbox: 'id', timeline_steps: 'id' } as const;
const rowsOf = (db: Database.Database) =>
  Object.fromEntries(Object.entries(TABLES).map(([table, key]) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all()]));

/** A database at version 6 holding a user, processed events, offers and timeline steps, with gaps in the ids. */
function databaseAtVersion6(file: string) {
  const db = new Database(file);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)');
  for (const m of sqliteMigrations.filter((m) => m.version < 7)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, T0);
  }
  db.prepare(`INSERT INTO users VALUES ('u1', '{"plan":"pro"}', '["vip"]', ?, ?, '{"j1":"A"}')`).run(T0, T0 + 5);
  const event = db.prepare(`INSERT INTO events VALUES (?, ?, 'u1', 'track', 'signed_up', '{}', ?, ?, ?)`);
  event.run(3, 'm3', T0, T0, T0);
  event.run(7, 'm7', T0 + 1, T0 + 1, null);
  const offer = db.prepare(
    `INSERT INTO outbox (id, run_id, journey_id, user_id, node, channel, offer, payload, cost, status, next_attempt_at, created_at)
     VALUES (?, 'r1', 'j1', 'u1', 'o1', 'webhook', 'TEN', '{}', 1, ?, ?, ?)`,
  );
  offer.run(4, 'sent', T0, T0);
  offer.run(9, 'pending', T0, T0);
  db.prepare(`INSERT INTO timeline_steps VALUES (5, 'u1', ?, '[{"kind":"event","detail":{}}]')`).run(T0);
  const before = rowsOf(db);
  db.close();
  return before;
}

describe('SQLite migration 7: a leaner write path', () => {
  it('keeps every row and id, and gives new rows ids past the largest', async () => {
    database = scratchSqlite();
    const file = database.url.slice('sqlite:'.length);
    const before = databaseAtVersion6(file);

    store = new SqliteStore(file);
    await store.migrate();
    const db = new Database(file, { readonly: true });
    try {
      expect(rowsOf(db)).toEqual(before);
    } finally {
      db.close();
    }

    const appended = await store.appendEvents([inboxEvent('m8', 'u2')]);
    expect(appended.seqs).toEqual([8]);
    expect(await store.pendingEvents(10)).toHaveLength(2); // m7 still waits, behind its partial index
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r2', { userId: 'u2' })], T0));
    expect((await store.claimDue(T0, 10, 1_000)).map((m) => m.id)).toEqual([9, 10]);
    await store.transaction((tx) => tx.appendTimeline({ userId: 'u1', at: T0 + 9, entries: [{ kind: 'event', detail: { messageId: 'm9' } }] }));
    expect((await store.userTimeline('u1', 1))[0]!.id).toBe(6 * TIMELINE_IDS_PER_STEP);
  });

  it('writes no sqlite_sequence row for append-only tables, keys users by id alone, and has no outbox index by run', async () => {
    database = scratchSqlite();
    const file = database.url.slice('sqlite:'.length);
    store = new SqliteStore(file);
    await store.migrate();
    await store.appendEvents([inboxEvent('m1', 'u1')]);
    await store.transaction(async (tx) => {
      await tx.insertOutbox([outboxRow('r1')], T0);
      await tx.appendTimeline({ userId: 'u1', at: T0, entries: [{ kind: 'event', detail: {} }] });
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 + 1_000 });
    });

    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM sqlite_sequence ORDER BY name').pluck().all()).toEqual(['wakeups']);
      expect(() => db.prepare('SELECT rowid FROM users').all()).toThrow(/no such column: rowid/);
      const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('users', 'outbox') ORDER BY name").pluck().all();
      expect(indexes).toEqual(['outbox_dead', 'outbox_due', 'outbox_journey', 'outbox_user']);
    } finally {
      db.close();
    }
  });
});
