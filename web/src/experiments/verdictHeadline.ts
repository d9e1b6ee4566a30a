import type { Verdict } from '@waymark/shared';

/**
 * The verdict in a few words, above the shared verdict's full sentence: what a marketer glancing at the panel
 * needs first. The sentence itself (effect sizes, intervals, how many more users) comes from the server.
 */
export function verdictHeadline(verdict: Verdict): string {
  switch (verdict.status) {
    case 'winner':
      return `${verdict.winner ?? 'A variant'} wins`;
    case 'loser':
      return `${verdict.loser ?? 'A variant'} does worse than ${verdict.winner ?? 'the control'}`;
    case 'no-difference-yet':
      return 'No clear difference yet';
    case 'collecting':
      return 'Collecting data';
    case 'srm':
      return 'Results held: assignment looks broken';
    default: {
      const unknown: never = verdict.status;
      return String(unknown);
    }
  }
}
