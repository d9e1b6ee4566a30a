/** One measured figure, as each bench prints it (one JSON line on stdout) and `run.ts` tabulates it. */
export interface BenchResult {
  figure: string;
  result: string;
  target: string;
  met: boolean;
  /** A reference figure with no target of its own (the table says so instead of met or missed). */
  reference?: boolean;
  /** How it was measured, and anything a reader needs to trust or discount the number. */
  notes: string;
  /** The raw numbers behind `result`, for anyone comparing runs. */
  raw?: Record<string, number>;
}

export function report(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Formats an integer with thousands separators: 12345 → "12,345". */
export const int = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Every bench must stop by itself within 3 minutes, whatever the server does: past `ms`, print a failed result
 * for `figure` and exit. Each wait inside a bench has its own, shorter cap; this catches whatever they miss.
 */
export function exitAfter(ms: number, figure: string): void {
  setTimeout(() => {
    report({ figure, result: `did not finish within ${ms / 1000} s`, target: '', met: false, notes: 'stopped by its own deadline' });
    process.exit(2);
  }, ms).unref();
}
