import { isUtf8 } from 'node:buffer';
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from './HttpError.ts';

// With the `u` flag a surrogate matches only when it is not half of a pair: emoji pass, a lone "\ud800" does not.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Why text cannot be stored the same way by both stores, or undefined. PostgreSQL refuses a NUL character in
 * text and jsonb, and a lone UTF-16 surrogate (JSON's `"\ud800"`) in jsonb; neither is text anyone means.
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'expected text without NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text)) return 'expected well-formed Unicode text (a lone surrogate such as \\ud800 is not)';
  return undefined;
}

/**
 * Refuses a body that is not UTF-8. Decoding it anyway, as `Buffer#toString` and the body parser do, swaps each bad
 * byte for U+FFFD and stores a userId or a trait that nobody sent. Run on the raw bytes, before they are decoded;
 * also Express's body-parser `verify` hook.
 */
export function requireUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new HttpError(400, 'invalid_encoding', 'body: expected UTF-8 text (it holds bytes that are not valid UTF-8)');
}

/** Adds the same check to a path or query parameter, which the body check does not see (`/api/users/a%00b`). */
export function storable(schema: z.ZodString) {
  return schema.superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

interface Frame {
  value: unknown;
  key: string | number;
  parent: Frame | undefined;
}

const pathOf = (frame: Frame) => {
  const keys: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f; f = f.parent) keys.push(f.key);
  return keys.reverse().join('.');
};

/**
 * The path of the first string (value or key) no store can hold, and why; undefined when all is well. Iterative
 * (no recursion limit), and paths are spelled out only for what it finds: a 512 KB batch of nothing but nested
 * arrays is walked in a few milliseconds, not the hundreds that building every path would cost.
 */
export function unstorableText(value: unknown): { path: string; problem: string } | undefined {
  const stack: Frame[] = [{ value, key: 'body', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const item = frame.value;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return { path: pathOf(frame), problem };
    } else if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) if (item[i] !== null && typeof item[i] !== 'number' && typeof item[i] !== 'boolean') stack.push({ value: item[i], key: i, parent: frame });
    } else if (item && typeof item === 'object') {
      for (const key of Object.keys(item)) {
        const problem = textProblem(key);
        if (problem) return { path: pathOf(frame), problem: `${problem} in its keys` };
        stack.push({ value: (item as Record<string, unknown>)[key], key, parent: frame });
      }
    }
  }
  return undefined;
}

/**
 * Refuses JSON holding text no store can hold (a NUL character, a lone surrogate) anywhere, naming where.
 * Refusing at the door keeps both stores alike and turns what would be a storage error (a 500 on PostgreSQL)
 * into a clear 400. (Named for the first thing it refused; it is the body check every JSON route runs.)
 */
export const rejectNul: RequestHandler = (req, _res, next) => {
  const found = unstorableText(req.body);
  if (found) throw new HttpError(400, 'invalid_input', `${found.path}: ${found.problem}`);
  next();
};
