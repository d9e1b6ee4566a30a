import type { z } from 'zod';
import { journeyDocumentSchema, type JourneyDocument } from './journeySchema.ts';
import { migrateJourney } from './migrateJourney.ts';

export interface FieldProblem {
  /** A dotted path such as `nodes.2.data.for`, empty for the document itself. */
  field: string;
  message: string;
}

/** Turns zod issues into "field: what was expected" problems, the one error shape every boundary reports. */
export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Migrates and parses a journey document from any boundary (HTTP body, file import, database row). */
export function parseJourney(raw: unknown): ParseResult<JourneyDocument> {
  const result = journeyDocumentSchema.safeParse(migrateJourney(raw));
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: fieldProblems(result.error) };
}
