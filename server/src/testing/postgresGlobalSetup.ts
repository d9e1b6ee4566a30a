import { dropOrphanedScratchDatabases } from './testDatabase.ts';

/**
 * vitest globalSetup of the `postgres` project. Each test drops its own scratch database; this sweeps up after
 * test processes that were killed before they could (before the run, and after it for workers this run lost).
 */
export async function setup() {
  await dropOrphanedScratchDatabases();
}

export async function teardown() {
  await dropOrphanedScratchDatabases();
}
