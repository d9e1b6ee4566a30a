import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storageUnavailable } from '../http/errorMiddleware.ts';

/*
 * Which failures answer 503 `storage_unavailable` (retry later) and which 500 (a bug): the errors below are the
 * shapes pg, node:net and better-sqlite3 actually produce when the database is out of reach, restarting, full
 * or failing, next to ordinary query errors that must stay 500s.
 */

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storageUnavailable', () => {
  it.each([
    ['PostgreSQL refusing connections', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a refused connection to a dual-stack host (AggregateError, empty message)', Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' })],
    ['a connection reset mid-query', withCode('read ECONNRESET', 'ECONNRESET')],
    ['the socket closing under a query', new Error('Connection terminated unexpectedly')],
    ['a query on a client whose connection already failed', new Error('Client has encountered a connection error and is not queryable')],
    ['the pool giving up on connecting', new Error('timeout exceeded when trying to connect')],
    ['an unreachable database host', withCode('connect EHOSTUNREACH 10.0.0.5:5432', 'EHOSTUNREACH')],
    ['PostgreSQL connection failure (08006)', withCode('connection failure', '08006')],
    ['PostgreSQL shutting down (57P01 admin_shutdown)', withCode('terminating connection due to administrator command', '57P01')],
    ['PostgreSQL starting up (57P03 cannot_connect_now)', withCode('the database system is starting up', '57P03')],
    ['PostgreSQL out of connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['PostgreSQL disk full (53100)', withCode('could not extend file: No space left on device', '53100')],
    ['SQLite failing to write', new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE')],
    ['SQLite on a full disk', new Database.SqliteError('database or disk is full', 'SQLITE_FULL')],
    ['SQLite locked by another writer', new Database.SqliteError('database is locked', 'SQLITE_BUSY')],
    ['SQLite on a read-only file', new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY')],
    ['the disk refusing to flush the SQLite WAL', withCode('EIO: i/o error, fdatasync', 'EIO')],
    ['no space left while flushing', withCode('ENOSPC: no space left on device, fdatasync', 'ENOSPC')],
  ])('is true for %s', (_what, error) => {
    expect(storageUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint "events_pkey"', '23505')],
    ['a missing table (42P01)', withCode('relation "wakeups" does not exist', '42P01')],
    ['a SQLite syntax error', new Database.SqliteError('near "SELEC": syntax error', 'SQLITE_ERROR')],
    ['a SQLite constraint failure', new Database.SqliteError('UNIQUE constraint failed: events.message_id', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['a bug in the code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['something thrown that is not an Error', 'boom'],
    ['nothing at all', undefined],
  ])('is false for %s', (_what, error) => {
    expect(storageUnavailable(error)).toBe(false);
  });
});
