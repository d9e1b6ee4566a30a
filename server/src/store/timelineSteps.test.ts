import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../config.ts';
import { T0 } from '../testing/storeFixtures.ts';
import { scratchDatabase, testStore, type ScratchDatabase } from '../testing/testDatabase.ts';
import { openTestStore } from '../testing/testStore.ts';
import { pgMigrations } from './postgres/pgMigrations.ts';
import { sqliteMigrations } from './sqlite/sqliteMigrations.ts';
import { TIMELINE_IDS_PER_STEP } from './storeRows.ts';
import type { Store } from './storeTypes.ts';

/*
 * The timeline is stored one row per step (an event or a wakeup), holding the step's entries in order. Read
 * back, it is still a list of entries, newest first, with ids that keep the order in which they happened.
 */

let database: ScratchDatabase;
let store: Store | undefined;
beforeEach(async () => {
  database = await scratchDatabase();
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  await database.drop();
});

const run = { journeyId: 'j1', runId: 'r1' };

/** The schema before timeline steps, with three entries in the one-row-per-entry table, the oldest first. */
async function databaseWithEntryRows() {
  const rows: Array<[string, number, string, string | null, string | null, string | null, string]> = [
    ['u1', T0, 'event', null, null, null, JSON.stringify({ messageId: 'm1', name: 'signed_up' })],
    ['u1', T0, 'enter', 'j1', 'r1', null, JSON.stringify({ journey: 'Welcome', version: 1 })],
    ['u1', T0 + 5, 'offer', 'j1', 'r1', 'o1', JSON.stringify({ offer: 'WELCOME10', cost: 2.5 })],
    ['u2', T0 + 6, 'event', null, null, null, JSON.stringify({ messageId: 'm2' })],
  ];
  const config = parseDatabaseUrl(database.url);
  if (config.kind === 'sqlite') {
    const db = new Database(config.file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)');
    for (const m of sqliteMigrations.filter((m) => m.version < 6)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, T0);
    }
    const insert = db.prepare('INSERT INTO timeline (user_id, at, kind, journey_id, run_id, node, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(...r);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at BIGINT)');
    const first = pgMigrations[0]!;
    await client.query(first.sql);
    await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [first.version, first.name, T0]);
    for (const r of rows) await client.query('INSERT INTO timeline (user_id, at, kind, journey_id, run_id, node, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', r);
  } finally {
    await client.end();
  }
}

describe(`the timeline on the ${testStore()} store`, () => {
  it('reads one row per step back as its entries, newest first, with ids in the order they happened', async () => {
    store = await openTestStore(database);
    await store.transaction(async (tx) => {
      await tx.appendTimeline({ userId: 'u1', at: T0, entries: [{ kind: 'event', detail: { messageId: 'a' } }, { kind: 'enter', ...run, detail: { journey: 'Welcome' } }, { kind: 'step', ...run, node: 'wait', detail: {} }] });
      await tx.appendTimeline({ userId: 'u2', at: T0 + 1, entries: [{ kind: 'event', detail: { messageId: 'other' } }] });
      // A step that added nothing (a stale wakeup) leaves no row behind.
      for (let i = 0; i < 3; i++) await tx.appendTimeline({ userId: 'u1', at: T0 + 2, entries: [] });
    });
    await store.transaction((tx) => tx.appendTimeline({ userId: 'u1', at: T0 + 9, entries: [{ kind: 'offer', ...run, node: 'o1', detail: { offer: 'W10', cost: 1.5 } }, { kind: 'exit', ...run, node: 'done', detail: { outcome: 'exited' } }] }));

    const all = await store.userTimeline('u1', 10);
    expect(all.map((e) => [e.kind, e.at, e.node ?? null])).toEqual([
      ['exit', T0 + 9, 'done'],
      ['offer', T0 + 9, 'o1'],
      ['step', T0, 'wait'],
      ['enter', T0, null],
      ['event', T0, null],
    ]);
    expect(all[1]).toEqual({ id: all[1]!.id, userId: 'u1', at: T0 + 9, kind: 'offer', journeyId: 'j1', runId: 'r1', node: 'o1', detail: { offer: 'W10', cost: 1.5 } });
    expect(all[4]).toEqual({ id: all[4]!.id, userId: 'u1', at: T0, kind: 'event', detail: { messageId: 'a' } });
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(5);
    // Two steps: the first step's entries share its row's id range, the second's sit above it.
    expect(Math.floor(ids[0]! / TIMELINE_IDS_PER_STEP)).toBe(Math.floor(ids[1]! / TIMELINE_IDS_PER_STEP));
    expect(Math.floor(ids[2]! / TIMELINE_IDS_PER_STEP)).toBeLessThan(Math.floor(ids[1]! / TIMELINE_IDS_PER_STEP));

    // The limit counts entries, not steps: a step is cut where the limit falls.
    expect((await store.userTimeline('u1', 3)).map((e) => e.kind)).toEqual(['exit', 'offer', 'step']);
    expect((await store.userTimeline('u1', 4)).map((e) => e.kind)).toEqual(['exit', 'offer', 'step', 'enter']);
    expect(await store.userTimeline('nobody', 10)).toEqual([]);
  });

  it('carries entries written one row each before the upgrade over, in order, under new steps', async () => {
    await databaseWithEntryRows();
    store = await openTestStore(database);
    const migrated = await store.userTimeline('u1', 10);
    expect(migrated.map((e) => ({ ...e, id: undefined }))).toEqual([
      { id: undefined, userId: 'u1', at: T0 + 5, kind: 'offer', journeyId: 'j1', runId: 'r1', node: 'o1', detail: { offer: 'WELCOME10', cost: 2.5 } },
      { id: undefined, userId: 'u1', at: T0, kind: 'enter', journeyId: 'j1', runId: 'r1', detail: { journey: 'Welcome', version: 1 } },
      { id: undefined, userId: 'u1', at: T0, kind: 'event', detail: { messageId: 'm1', name: 'signed_up' } },
    ]);
    expect((await store.userTimeline('u2', 10)).map((e) => e.detail.messageId)).toEqual(['m2']);

    await store.transaction((tx) => tx.appendTimeline({ userId: 'u1', at: T0 + 20, entries: [{ kind: 'event', detail: { messageId: 'm3' } }] }));
    const after = await store.userTimeline('u1', 10);
    expect(after.map((e) => e.detail.messageId ?? e.kind)).toEqual(['m3', 'offer', 'enter', 'm1']);
    expect(after[0]!.id).toBeGreaterThan(after[1]!.id);
  });
});
