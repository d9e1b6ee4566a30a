/**
 * The smallest the young generation's semi-spaces may get, in MB (V8's own range on 64-bit Node 20 is 1–16).
 */
export const SEMI_SPACE_MB = 8;

/**
 * The V8 flags the server runs with: `npm start`, `npm run serve` and `npm run dev`, the benches (which run the
 * server in their own process) and the real processes tests spawn.
 *
 * `--min-semi-space-size`: when the allocation rate drops (a quiet spell), V8 shrinks the young generation to
 * 1 MB semi-spaces. A burst after it (ten thousand waits falling due at a campaign's send time, a flood of events
 * in the morning) then starts with a scavenge every 5–15 ms, each copying and soon promoting the batch in
 * flight, until the space has grown back a second or so later. With a floor of 8 MB, figure 5's crowd took ~10%
 * less main-thread time per wakeup (180–184 against 186–228 µs, three interleaved pairs; a 16 MB floor measured
 * the same). Above the floor V8 still sizes the space itself: a 16 MB floor, which left it no room, gave
 * PostgreSQL's figure 3 a worse p99 in six of eight pairs, and this one did not in two. Costs up to 16 MB more
 * memory while idle.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [`--min-semi-space-size=${SEMI_SPACE_MB}`];

/** The flags this process was started without (node's own options, not `NODE_OPTIONS`, which refuses this one). */
export function missingNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
