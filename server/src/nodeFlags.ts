/** The young generation's semi-space size the server keeps, in MB: V8's own maximum on 64-bit Node 20. */
export const SEMI_SPACE_MB = 16;

/**
 * The V8 flags the server runs with: `npm start`, `npm run serve` and `npm run dev`, the benches (which run the
 * server in their own process) and the real processes tests spawn.
 *
 * `--min-semi-space-size`: while a process idles, V8 shrinks the young generation to 1 MB semi-spaces. A burst
 * after a quiet spell (ten thousand waits falling due at a campaign's send time, a flood of events in the
 * morning) then starts with a scavenge every 5–15 ms, each copying and soon promoting the whole batch in
 * flight, until the space has grown back a second or so later. Kept at its full size, the young generation
 * costs up to 32 MB more memory while busy; figure 5's crowd took ~11% less main-thread time per wakeup
 * (4 interleaved pairs), and figures 1 and 3, whose load keeps the space full-sized anyway, did not change.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [`--min-semi-space-size=${SEMI_SPACE_MB}`];

/** The flags this process was started without (node's own options, not `NODE_OPTIONS`, which refuses this one). */
export function missingNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
