import type { Condition, ConditionOp } from '@waymark/shared';

type Scalar = string | number | boolean | null;

/** The operators as a marketer reads them, in the order the select offers them. */
export const OP_LABELS: Record<ConditionOp, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  exists: 'is present',
};

// Leading zeros stay text: "02134" is a postcode, not the number 2134.
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const QUOTED = /^"(.*)"$/s;

/** One typed value: numbers and true/false as themselves, anything else (or anything in quotes) as text. */
export function parseScalar(text: string): Scalar {
  const trimmed = text.trim();
  const quoted = QUOTED.exec(trimmed);
  if (quoted) return quoted[1] as string;
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  return text;
}

/** The text that reads back as `value`: text that would read as a number or true/false is quoted. */
export function formatScalar(value: unknown): string {
  if (typeof value === 'string') return parseScalar(value) === value ? value : JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * What a condition row's value box means for `op`: nothing for "is present", a list for "is one of" (comma
 * separated), else one value. An empty box is no value, so the condition asks for one.
 */
export function parseConditionValue(op: ConditionOp | string, text: string): Condition['value'] {
  if (op === 'exists') return undefined;
  if (op === 'in') {
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length === 0 ? undefined : items.map(parseScalar);
  }
  return text.trim() === '' ? undefined : parseScalar(text);
}

/** The value box's text for a stored value: lists joined with ", ". */
export function formatConditionValue(value: unknown): string {
  return Array.isArray(value) ? value.map(formatScalar).join(', ') : formatScalar(value);
}

/** A condition row with its value re-read for the operator chosen, so "is" → "is one of" turns "a" into ["a"]. */
export function changeOp(condition: Record<string, unknown>, op: ConditionOp): Record<string, unknown> {
  const { value: _value, ...rest } = condition;
  const value = parseConditionValue(op, formatConditionValue(condition.value));
  return value === undefined ? { ...rest, op } : { ...rest, op, value };
}
