/** A duration as the picker edits it: the number as typed, and its unit. */
export type DurationUnit = 's' | 'm' | 'h' | 'd';
export interface DurationParts {
  amount: string;
  unit: DurationUnit;
}

const UNITS: readonly DurationUnit[] = ['s', 'm', 'h', 'd'];
const WORDS: Record<DurationUnit, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
};

const isUnit = (c: string | undefined): c is DurationUnit => UNITS.includes(c as DurationUnit);

/**
 * "3d" → { amount: "3", unit: "d" }. Whatever was typed survives the trip through the document: `splitDuration`
 * undoes `joinDuration` for any amount, so a half-typed "1." or an emptied field stays as the marketer left it.
 */
export function splitDuration(text: string | undefined, fallback: DurationUnit = 'd'): DurationParts {
  const value = (text ?? '').trim();
  const last = value.at(-1);
  return isUnit(last) ? { amount: value.slice(0, -1).trim(), unit: last } : { amount: value, unit: fallback };
}

/** { amount: "3", unit: "d" } → "3d", the form the journey document stores. */
export function joinDuration(parts: DurationParts): string {
  return `${parts.amount.trim()}${parts.unit}`;
}

/** The units the picker offers: minutes, hours and days, plus seconds only when the duration already uses them. */
export function unitChoices(current: DurationUnit): DurationUnit[] {
  return current === 's' ? ['s', 'm', 'h', 'd'] : ['m', 'h', 'd'];
}

/** "day" or "days", as the amount reads: the select says "1 day" but "3 days". */
export function unitWord(unit: DurationUnit, amount: string): string {
  const [one, many] = WORDS[unit];
  return amount.trim() === '1' ? one : many;
}
