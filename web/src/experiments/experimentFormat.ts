import type { Interval } from '@waymark/shared';

/**
 * The results panel's numbers. Rates keep one decimal (12.3% vs 12.8% is the difference being read); lifts
 * are signed whole percents like the verdict's, with a decimal below 1%. The minus sign is "−" (U+2212),
 * as in the verdict text from `@waymark/shared`.
 */

const DASH = '—';

/** `fraction` in percent with `digits` decimals; `trim` drops a trailing ".0" (lifts), rates keep it to line up. */
function percent(fraction: number, digits: number, trim = false): string {
  let text = (fraction * 100).toFixed(digits);
  if (trim) text = text.replace(/\.0+$/, '');
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

/** 0.1234 → "12.3%", 0.08 → "8.0%"; null (nobody entered yet) → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? DASH : `${percent(rate, 1)}%`;
}

/** [0.101, 0.146] → "10.1–14.6%". */
export function formatRateInterval(interval: Interval | null): string {
  if (!interval) return DASH;
  return `${percent(interval[0], 1)}–${percent(interval[1], 1)}%`;
}

/** 0.18 → "+18%", −0.062 → "−6%", 0.004 → "+0.4%", 0 → "0%". */
export function formatLift(lift: number | null): string {
  if (lift === null) return DASH;
  const text = percent(lift, Math.abs(lift) < 0.01 ? 1 : 0, true);
  return `${lift > 0 && text !== '0' ? '+' : ''}${text}%`;
}

/** [0.06, 0.31] → "+6% to +31%". */
export function formatLiftInterval(interval: Interval | null): string {
  if (!interval) return DASH;
  return `${formatLift(interval[0])} to ${formatLift(interval[1])}`;
}

/** Revenue per unit of offer spend: 3.24 → "3.2×"; null (nothing spent) → "—". */
export function formatReturn(ratio: number | null): string {
  if (ratio === null) return DASH;
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

const dollars = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money in a narrow column: cents below $1,000 ("$364.40", "$3.02"), whole dollars above ("$10,995"); null → "—". */
export function formatAmount(amount: number | null): string {
  if (amount === null) return DASH;
  return Math.abs(amount) >= 1_000 ? dollars.format(amount) : cents.format(amount);
}
