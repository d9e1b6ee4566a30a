import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchSqlite, type ScratchDatabase } from '../../testing/testDatabase.ts';
import { SqliteConnection } from './sqliteConnection.ts';

const opened: Array<{ connection: SqliteConnection; database: ScratchDatabase }> = [];
afterEach(async () => {
  for (const { connection, database } of opened.splice(0)) {
    await connection.close();
    await database.drop();
  }
});

/** The files this process holds open right now (SQLite unlinks its temporary files as it opens them). */
const openFiles = () =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

describe('SqliteConnection', () => {
  it('keeps a savepoint journal that outgrows the spill size in memory, not in a temporary file', async () => {
    const database = scratchSqlite();
    const connection = new SqliteConnection(database.url.slice('sqlite:'.length));
    opened.push({ connection, database });
    const db = connection.db;
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');

    const during = await connection.call(() => {
      // Pages dirtied before a savepoint and changed again inside it are copied to the savepoint's journal:
      // ~2 MB here, far past SQLite's 64 KiB statement-journal spill, the size a batch of events reaches.
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 4_000; i++) insert.run('x'.repeat(400));
      db.exec('SAVEPOINT inner');
      db.exec("UPDATE t SET v = 'y' || v");
      const files = openFiles();
      db.exec('RELEASE inner');
      return files;
    });

    // With temp_store = FILE, SQLite opens (and at once unlinks) an `etilqs_` file here: syscalls on every batch.
    expect(during.some((file) => file.includes('etilqs_'))).toBe(false);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(4_000);
  });
});
