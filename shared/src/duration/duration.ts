import { z } from 'zod';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;
const PATTERN = /^(\d{1,6})(s|m|h|d)$/;

/** The longest wait a journey may hold a user for: a year keeps schedules meaningful. */
export const MAX_DURATION_MS = 365 * UNIT_MS.d;

/** Parses "3d", "90m", "2s" into milliseconds; returns undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as Unit];
  return ms <= MAX_DURATION_MS ? ms : undefined;
}

/** "3d" → "3 days", "1h" → "1 hour": the words a marketer reads on a node. */
export function describeDuration(text: string): string {
  const match = PATTERN.exec(text.trim());
  if (!match) return text;
  const n = Number(match[1]);
  const word = { s: 'second', m: 'minute', h: 'hour', d: 'day' }[match[2] as Unit];
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const durationSchema = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, {
    message: 'expected a duration such as "30m", "3d" or "90d" (units s, m, h, d; at most 365d)',
  });
