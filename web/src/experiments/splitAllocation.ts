import { HOLDOUT_ARM } from '@waymark/shared';

/** One arm's part of the traffic reaching a split. */
export interface ArmShare {
  /** A variant id, or `holdout`. */
  id: string;
  /** 0..1 of everyone reaching the split. */
  share: number;
  /** The variant's place in the split (its colour); null for the holdout. */
  variantIndex: number | null;
}

const numberOr0 = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

/**
 * Each arm's share of the users reaching a split, holdout first and then the variants by weight in declared
 * order, as assignment applies them. Reads half-typed drafts too (a missing weight counts as 0, a holdout out
 * of range as none), so the bar follows the form while the marketer types.
 */
export function splitShares(data: unknown): ArmShare[] {
  const raw = (data ?? {}) as { variants?: unknown; holdout?: unknown };
  const variants = Array.isArray(raw.variants) ? raw.variants.map((v) => (v ?? {}) as { id?: unknown; weight?: unknown }) : [];
  const holdout = numberOr0(raw.holdout) < 100 ? numberOr0(raw.holdout) / 100 : 0;
  const totalWeight = variants.reduce((sum, v) => sum + numberOr0(v.weight), 0);
  const arms: ArmShare[] = holdout > 0 ? [{ id: HOLDOUT_ARM, share: holdout, variantIndex: null }] : [];
  variants.forEach((v, index) => {
    const share = totalWeight > 0 ? ((1 - holdout) * numberOr0(v.weight)) / totalWeight : 0;
    arms.push({ id: typeof v.id === 'string' ? v.id : '', share, variantIndex: index });
  });
  return arms;
}

/** 0.45 → "45%", 1/3 → "33.3%", 0 → "0%": whole percents unless that would hide a third. */
export function formatShare(share: number): string {
  const percent = Math.round(share * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** The id a new variant is offered: the first free letter (A, B, C…), then V27, V28… */
export function nextVariantId(taken: readonly string[]): string {
  const used = new Set(taken.map((id) => id.trim().toUpperCase()));
  for (let code = 65; code <= 90; code++) {
    const letter = String.fromCharCode(code);
    if (!used.has(letter)) return letter;
  }
  for (let n = 27; ; n++) if (!used.has(`V${n}`)) return `V${n}`;
}
