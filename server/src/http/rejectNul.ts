import type { RequestHandler } from 'express';
import { HttpError } from './HttpError.ts';

/** The path of the first string (value or key) holding a NUL character, or undefined. Iterative: no recursion limit. */
export function nulPath(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, 'body']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path;
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000')) return path;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses JSON holding a NUL character (`\u0000`) anywhere, naming where. PostgreSQL cannot store it in text or
 * jsonb, and no marketer means it; refusing at the door keeps both stores alike and turns what would be a
 * storage error into a clear 400.
 */
export const rejectNul: RequestHandler = (req, _res, next) => {
  const path = nulPath(req.body);
  if (path) throw new HttpError(400, 'invalid_input', `${path}: expected text without NUL (\\u0000) characters`);
  next();
};
