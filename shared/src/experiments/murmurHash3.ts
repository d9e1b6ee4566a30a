/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby, public domain), over UTF-8 bytes.
 *
 * Why this hash: it is a common choice for experiment bucketing (Optimizely's and Unleash's SDKs use it), so any
 * standard implementation reproduces our buckets; it has published test vectors, checked in the test; and its
 * final avalanche (`fmix32`) makes every output bit depend on every input bit, so nearby ids ("user-1",
 * "user-2") land in unrelated buckets. FNV-1a alone lacks that final mix. It is not cryptographic, and does not
 * need to be: nobody gains by choosing their own user id to land in a variant.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const utf8 = new TextEncoder();

/** The standard 32-bit finaliser: forces all bits of `h` to avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 of raw bytes; returns an unsigned 32-bit integer. */
export function murmurHash3Bytes(bytes: Uint8Array, seed = 0): number {
  const length = bytes.length;
  const blocks = length & ~3;
  let h = seed >>> 0;

  for (let i = 0; i < blocks; i += 4) {
    // Little-endian 4-byte block; the reference implementation reads blocks as little-endian words.
    let k = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }

  // Tail: the 1–3 bytes left over, folded in without the block's final rotate-multiply-add.
  const tail = length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2]! << 16;
    if (tail >= 2) k ^= bytes[blocks + 1]! << 8;
    k ^= bytes[blocks]!;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }

  h ^= length;
  return fmix32(h);
}

/** MurmurHash3_x86_32 of a string's UTF-8 bytes; returns an unsigned 32-bit integer. */
export function murmurHash3(text: string, seed = 0): number {
  return murmurHash3Bytes(utf8.encode(text), seed);
}
