/**
 * Undo/redo as data: the documents before (`past`) and after (`future`) the present one. Consecutive edits
 * with the same key (typing into one field) within `COALESCE_MS` merge into one step, as in any editor.
 */
export interface History<T> {
  past: T[];
  future: T[];
  lastKey?: string;
  lastAt?: number;
}

export const COALESCE_MS = 1_000;
const LIMIT = 200;

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [] });

/** Records that `previous` was replaced by a new present. */
export function record<T>(history: History<T>, previous: T, key: string | undefined, now: number): History<T> {
  const merges = key !== undefined && key === history.lastKey && history.lastAt !== undefined && now - history.lastAt < COALESCE_MS;
  if (merges) return { ...history, future: [], lastAt: now };
  return { past: [...history.past, previous].slice(-LIMIT), future: [], ...(key === undefined ? {} : { lastKey: key, lastAt: now }) };
}

export function undo<T>(history: History<T>, present: T): { history: History<T>; present: T } | undefined {
  const previous = history.past.at(-1);
  if (previous === undefined) return undefined;
  return { history: { past: history.past.slice(0, -1), future: [present, ...history.future] }, present: previous };
}

export function redo<T>(history: History<T>, present: T): { history: History<T>; present: T } | undefined {
  const next = history.future[0];
  if (next === undefined) return undefined;
  return { history: { past: [...history.past, present], future: history.future.slice(1) }, present: next };
}
