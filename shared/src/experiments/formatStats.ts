/**
 * Numbers in the words a marketer reads: "18%", "2.5%", "12,400", "1 in 2,000". Fixed to en-US so a
 * verdict reads the same in every browser and in server logs.
 */

/**
 * 0.183 → "18%", 0.025 → "2.5%", −0.06 → "−6%": one decimal below 10% and none above, unless `digits` says
 * otherwise; a trailing ".0" is dropped.
 */
export function formatPercent(fraction: number, digits?: number): string {
  const percent = fraction * 100;
  digits ??= Math.abs(percent) < 10 ? 1 : 0;
  const text = percent.toFixed(digits).replace(/\.0$/, '');
  return `${text === '-0' ? '0' : text.replace('-', '−')}%`;
}

/** 12400 → "12,400". */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/** A p-value as odds of seeing this by luck alone: 0.0004 → "about 1 in 2,500", 1e-9 → "under 1 in a million". */
export function formatChance(pValue: number): string {
  if (pValue < 1e-6) return 'under 1 in a million';
  const oneIn = 1 / pValue;
  // Two significant figures: "1 in 2,500", not "1 in 2,512".
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(oneIn)) - 1);
  return `about 1 in ${formatCount(Math.round(oneIn / magnitude) * magnitude)}`;
}
