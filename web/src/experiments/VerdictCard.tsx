import type { Verdict } from '@waymark/shared';
import { verdictHeadline } from './verdictHeadline.ts';

/**
 * The verdict, first and in plain words, coloured by what it means: a winner green, a loser amber, a mismatch
 * red, still collecting or no difference grey.
 */
export function VerdictCard({ verdict }: { verdict: Verdict }) {
  return (
    <section className={`verdict verdict--${verdict.status}`} aria-label="Verdict" data-testid="experiment-verdict" data-status={verdict.status}>
      <p className="verdict__headline">{verdictHeadline(verdict)}</p>
      <p className="verdict__text" data-testid="experiment-verdict-text">
        {verdict.status === 'srm'
          ? 'No comparison can be trusted while the arms hold the wrong shares of users. Find the cause (see the warning above) before reading any result.'
          : verdict.text}
      </p>
    </section>
  );
}
