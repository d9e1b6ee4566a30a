/**
 * Which journey's step an error came from, for the log line that reports it (an event applies to every journey
 * it touches, so the event alone does not say). Noted beside the error rather than by wrapping it: whoever
 * catches it still sees the error itself (a storage failure must still read as one, and pause the loop).
 */
const journeys = new WeakMap<object, string>();

/** Notes that `error` was thrown in `journeyId`'s step (the innermost journey wins) and returns it. */
export function inJourney(journeyId: string, error: unknown): unknown {
  if (typeof error === 'object' && error !== null && !journeys.has(error)) journeys.set(error, journeyId);
  return error;
}

/** The journey `error` was thrown in, if it was noted. */
export function journeyOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? journeys.get(error) : undefined;
}
