import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { scratchSqlite } from '../testing/testDatabase.ts';
import { useOutageScenario } from './outageScenario.ts';

/*
 * A SQLite file that cannot be written for a few seconds while traffic flows (the story and what must hold:
 * `outageScenario.ts`): writes to the file fail, as on a full disk (the process's file size limit is dropped to
 * one byte with prlimit, so every write fails with EFBIG; reads still work). Runs in the `sqlite` vitest project
 * only; PostgreSQL's outage is `postgresOutage.postgres.test.ts`.
 */

const execFileAsync = promisify(execFile);

/** Sets the soft file size limit of a running process (the hard one is left alone, so it can be raised again). */
async function setFileSizeLimit(pid: number, limit: number | 'unlimited'): Promise<void> {
  await execFileAsync('prlimit', ['--pid', String(pid), `--fsize=${limit}:`]);
}

const scenario = useOutageScenario();

describe('SQLite file that cannot be written for a few seconds', () => {
  // prlimit is util-linux's, on every Debian machine: without it this fails (it does not skip).
  it(
    'answers 503 storage_unavailable and logs why while writes fail, loses nothing it acknowledged, and carries on after a restart',
    async () => {
      const database = scratchSqlite();
      scenario.cleanups.push(() => database.drop());
      await scenario.outageThenRestart({
        store: 'sqlite',
        databaseUrl: database.url,
        // One byte: every write past the first byte of any file fails (EFBIG), as every write does on a full disk.
        begin: (waymark) => setFileSizeLimit(waymark.pid, 1),
        end: (waymark) => setFileSizeLimit(waymark.pid, 'unlimited'),
        healthFails: false,
      });
    },
    120_000,
  );
});
