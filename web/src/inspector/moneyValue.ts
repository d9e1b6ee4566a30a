const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** Typed money: empty is no cost, a decimal is a number, anything else stays text so the schema can say why. */
export function parseMoney(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return DECIMAL.test(trimmed) ? Number(trimmed) : text;
}

/** The input's text for a stored cost. */
export const formatMoneyInput = (value: unknown): string => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');
