import type { ExperimentReport } from '@waymark/shared';

/**
 * The sample-ratio warning: the arms do not hold the shares of users the allocation declares, so something
 * adds or loses users in one arm and no comparison can be trusted until it is found.
 */
export function SrmBanner({ report }: { report: Pick<ExperimentReport, 'kind' | 'srm'> }) {
  if (!report.srm.alarm) return null;
  const declared = report.kind === 'journeys' ? 'the experiment' : 'the split';
  return (
    <div className="banner banner--error exp-srm" role="alert" data-testid="srm-banner">
      <p className="exp-srm__title">Sample ratio mismatch</p>
      <p>{report.srm.text ?? `The arms do not hold the shares of users ${declared} declares.`}</p>
      <p className="exp-srm__cause">Usually something adds or loses users in one arm only: a redirect, a bot filter, a weight changed mid-test.</p>
    </div>
  );
}
