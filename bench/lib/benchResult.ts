/** One measured figure, as each bench prints it (one JSON line on stdout) and `run.ts` tabulates it. */
export interface BenchResult {
  figure: string;
  result: string;
  target: string;
  met: boolean;
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
