import type { z } from 'zod';
import { fieldProblems, type FieldProblem } from '@waymark/shared';

/** The one way a request fails: a status, a stable code, and a message that names the field and what was expected. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function invalidInput(problems: FieldProblem[]): HttpError {
  const message = problems
    .slice(0, 5)
    .map((p) => `${p.field || 'body'}: ${p.message}`)
    .join('; ');
  return new HttpError(400, 'invalid_input', message || 'body: invalid input', { problems });
}

/** Parses a request part through its schema, or throws a 400 naming every bad field (prefixed, e.g. `body.userId`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = 'body'): z.infer<S> {
  if (value === undefined) throw new HttpError(400, 'invalid_input', `${prefix}: expected a JSON object (send Content-Type: application/json)`);
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(fieldProblems(result.error, prefix));
  return result.data;
}
