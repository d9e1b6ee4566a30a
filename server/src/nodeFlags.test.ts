import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingNodeFlags, SEMI_SPACE_MB, SERVER_NODE_FLAGS } from './nodeFlags.ts';
import { pollUntil } from './testing/pollUntil.ts';
import { spawnWaymark } from './testing/spawnWaymark.ts';
import { scratchDatabase, type ScratchDatabase } from './testing/testDatabase.ts';

const REPO_ROOT = join(import.meta.dirname, '../..');

/** The young generation's size in a fresh node started with `flags`, before it has allocated much. */
function newSpaceBytes(flags: readonly string[]): number {
  const script = "process.stdout.write(String(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size))";
  return Number(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }));
}

describe("the server's V8 flags", () => {
  it('are passed by every script that starts the server', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'serve', 'dev']) {
      const node = /\bnode ((?:--\S+ )*)(?:.* )?server\/src\/main\.ts/.exec(scripts[name] ?? '');
      expect(node, `${name}: ${scripts[name]}`).not.toBeNull();
      for (const flag of SERVER_NODE_FLAGS) expect(node![1]!.split(' '), `${name} passes ${flag}`).toContain(flag);
    }
  });

  it('put a floor under the young generation: a fresh node starts at it, where it would start at a fraction', () => {
    expect(newSpaceBytes(SERVER_NODE_FLAGS)).toBe(SEMI_SPACE_MB * 1024 * 1024);
    expect(newSpaceBytes([])).toBeLessThan(SEMI_SPACE_MB * 1024 * 1024);
  });

  it('are told apart from a start without them', () => {
    expect(missingNodeFlags([...SERVER_NODE_FLAGS, '--import', 'tsx'])).toEqual([]);
    expect(missingNodeFlags(['--import', 'tsx'])).toEqual([...SERVER_NODE_FLAGS]);
  });

  describe('at startup', () => {
    let database: ScratchDatabase;
    beforeAll(async () => {
      database = await scratchDatabase();
    });
    afterAll(async () => {
      await database.drop();
    });

    it('a server started without them says so in its log, and one started with them does not', async () => {
      for (const nodeFlags of [[], SERVER_NODE_FLAGS]) {
        const waymark = await spawnWaymark({ databaseUrl: database.url, nodeFlags });
        try {
          // The banner is written after the warning would be, to the same stream: once it is here, so is any warning.
          await pollUntil('the startup banner', 10_000, async () => waymark.output().includes('Waymark is running at'), undefined, 25);
          expect(waymark.output().includes("without Waymark's V8 flags"), `flags [${nodeFlags.join(' ')}]:\n${waymark.output()}`).toBe(nodeFlags.length === 0);
        } finally {
          waymark.kill('SIGTERM');
          await waymark.exited;
        }
      }
    });
  });
});
