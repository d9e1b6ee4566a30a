import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 16 * 256;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let used = POOL_BYTES;

/** 16 random bytes from a pool refilled 256 ids at a time (as `crypto.randomUUID` does), not a system call per id. */
function randomBytes16(): Uint8Array {
  if (used === POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * A UUIDv7 (RFC 9562): a millisecond timestamp, then random bits. Ids made together sort together, so run ids and
 * server-made messageIds land on the same index pages. uuid's default asks `crypto.getRandomValues` for every id
 * (~3% of the main thread at figure 1's rate); this draws from a pool.
 */
export function timeOrderedId(): string {
  return v7({ random: randomBytes16() });
}
