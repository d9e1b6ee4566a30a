import type { Violation } from '@waymark/shared';

/** A field's dotted path inside the data (`url`, `until.event`, `where.0.value`) → the first problem with it. */
export type FieldErrors = Record<string, string>;

/** What `fieldErrors` needs of a schema: zod's `safeParse`, without tying this module to zod's types. */
export interface SafeParser {
  safeParse(data: unknown): { success: boolean; error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/**
 * Parses `data` with `schema` and keeps the first message per field path, so a form can show each problem
 * beside the input it is about. Issues about the whole object have the empty path `''`.
 */
export function fieldErrors(schema: SafeParser, data: unknown): FieldErrors {
  const parsed = schema.safeParse(data);
  const errors: FieldErrors = {};
  if (parsed.success || !parsed.error) return errors;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/**
 * Adds the journey checks that name one field of a node's data but are not part of its schema (a webhook with
 * no URL, a template that does not parse), so they too show beside the field. Schema messages win.
 */
export function withViolations(errors: FieldErrors, violations: readonly Violation[] | undefined): FieldErrors {
  const merged = { ...errors };
  for (const v of violations ?? []) {
    if (v.code === 'invalid-data' || !v.field?.startsWith('data.')) continue;
    merged[v.field.slice('data.'.length)] ??= v.message;
  }
  return merged;
}

/** The errors under `prefix` (`where` → `0.value`), for a sub-form that knows only its own paths. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  const start = `${prefix}.`;
  for (const [path, message] of Object.entries(errors)) if (path.startsWith(start)) out[path.slice(start.length)] = message;
  return out;
}
