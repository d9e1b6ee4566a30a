import type { Condition } from './condition.ts';

function readPath(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function compare(actual: unknown, expected: unknown): number | undefined {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  if (typeof actual === 'string' && typeof expected === 'string') return actual < expected ? -1 : actual > expected ? 1 : 0;
  const a = Number(actual);
  const b = Number(expected);
  return Number.isFinite(a) && Number.isFinite(b) && actual !== '' && expected !== '' ? a - b : undefined;
}

function matchOne(properties: unknown, condition: Condition): boolean {
  const actual = readPath(properties, condition.property);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.some((v) => v === actual);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const diff = compare(actual, expected);
      if (diff === undefined) return false;
      return { gt: diff > 0, gte: diff >= 0, lt: diff < 0, lte: diff <= 0 }[condition.op];
    }
    default: {
      const never: never = condition.op;
      throw new Error(`unknown condition op ${String(never)}`);
    }
  }
}

/** True when every condition holds for these properties (an empty list always holds). */
export function matchConditions(properties: unknown, where: readonly Condition[] | undefined): boolean {
  return (where ?? []).every((condition) => matchOne(properties, condition));
}
