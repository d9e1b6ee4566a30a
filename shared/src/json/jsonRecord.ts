import { z } from 'zod';

/**
 * How deeply free-form JSON (event properties, traits, node data) may nest. Far beyond what anyone sends, and
 * far below where recursive code gives up: `JSON.stringify` overflows the stack at a few thousand levels, and
 * every store writes these values with it, so a deeper value accepted here would fail later, as a 500.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects or arrays more than `max` levels deep (`{}` is one level). Iterative. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** A JSON object with string keys and any values, nested at most `MAX_JSON_DEPTH` levels. */
export const jsonRecordSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => !nestedDeeperThan(value, MAX_JSON_DEPTH), `expected JSON nested at most ${MAX_JSON_DEPTH} levels deep`);
