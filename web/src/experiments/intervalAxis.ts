/** A shared horizontal axis for conversion rates and their intervals. */
export interface IntervalAxis {
  /** Both ends, as rates (0..1), on tick marks. */
  min: number;
  max: number;
  /** Evenly spaced round rates from `min` to `max`. */
  ticks: number[];
  /** Where `value` sits, 0 at `min` and 1 at `max`, clamped so an odd value never draws off the chart. */
  position(value: number): number;
  /** A tick's words, with as many decimals as the step needs: "35%", "2.5%", "0.25%". */
  label(tick: number): string;
}

const NICE = [1, 2, 2.5, 5, 10];

/** The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) at least `rough`. */
function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  return NICE.map((n) => n * magnitude).find((step) => step >= rough - 1e-12) ?? 10 * magnitude;
}

const tidy = (x: number) => Number(x.toFixed(10));

/**
 * An axis that holds every rate and interval end in `values`, with a little room either side, on round tick
 * marks, within 0–100%. It zooms in on the data (differences of a point or two must be visible) but starts at
 * 0% when the data sit close to it, where cutting the axis would exaggerate the gaps.
 */
export function intervalAxis(values: readonly number[], targetTicks = 4): IntervalAxis {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) {
    return { min: 0, max: 0.1, ticks: [0, 0.025, 0.05, 0.075, 0.1], position: (value) => Math.min(1, Math.max(0, value / 0.1)), label: tickLabel(0.025) };
  }
  let low = Math.max(0, Math.min(...finite));
  let high = Math.min(1, Math.max(...finite));
  const pad = Math.max((high - low) * 0.08, 0.005);
  low = Math.max(0, low - pad);
  high = Math.min(1, high + pad);
  if (low < (high - low) / 2) low = 0;
  if (high - low < 0.01) {
    const centre = (low + high) / 2;
    low = Math.max(0, centre - 0.005);
    high = Math.min(1, low + 0.01);
  }

  const step = niceStep((high - low) / targetTicks);
  const min = tidy(Math.max(0, Math.floor(tidy(low / step)) * step));
  const max = tidy(Math.min(1, Math.ceil(tidy(high / step)) * step));
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + 1e-9; i++) ticks.push(tidy(min + i * step));
  const span = max - min || 1;
  return { min, max, ticks, position: (value) => Math.min(1, Math.max(0, (value - min) / span)), label: tickLabel(step) };
}

/** Labels for ticks `step` apart: enough decimals to tell neighbours apart, none to spare. */
function tickLabel(step: number): (tick: number) => string {
  const stepPercent = tidy(step * 100);
  let digits = 0;
  while (digits < 4 && !Number.isInteger(tidy(stepPercent * 10 ** digits))) digits++;
  return (tick) => `${(tick * 100).toFixed(digits)}%`;
}
