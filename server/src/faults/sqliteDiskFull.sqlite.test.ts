import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { scratchSqlite } from '../testing/testDatabase.ts';
import { useOutageScenario } from './outageScenario.ts';

/*
 * A SQLite file that cannot be written for a few seconds while traffic flows (the story and what must hold:
 * `outageScenario.ts`), made two ways: every write fails at once (the process's file size limit dropped to one
 * byte with prlimit: EFBIG; reads still work), and a real full disk (the database on a small tmpfs, its free
 * space taken by a file: ENOSPC wherever SQLite needs a new block). Runs in the `sqlite` vitest project only;
 * PostgreSQL's outage is `postgresOutage.postgres.test.ts`.
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

  it(
    'does the same on a real full disk: a small tmpfs holding the database, filled up (ENOSPC), then freed',
    async () => {
      // Mounting needs root, which these machines' tests run as; without it this fails (it does not skip).
      const dir = mkdtempSync('/tmp/waymark-full-disk-');
      await execFileAsync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
      scenario.cleanups.push(async () => {
        await execFileAsync('umount', ['-l', dir]);
        rmSync(dir, { recursive: true, force: true });
      });
      const filler = join(dir, 'filler');
      await scenario.outageThenRestart({
        store: 'sqlite',
        databaseUrl: `sqlite:${join(dir, 'waymark.db')}`,
        // Every free block taken: the next block SQLite needs (a page the WAL has not used yet, a page the file
        // grows by) fails with ENOSPC, SQLITE_FULL.
        begin: async () => {
          const { bavail, bsize } = statfsSync(dir);
          await execFileAsync('fallocate', ['-l', String(bavail * bsize), filler]);
        },
        end: () => rm(filler),
        healthFails: false,
      });
    },
    120_000,
  );
});
