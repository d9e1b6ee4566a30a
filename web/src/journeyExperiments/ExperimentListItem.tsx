import type { JourneyExperimentSummary } from '@waymark/shared';
import { formatDateTime } from '../app/format.ts';
import { routeHref } from '../app/route.ts';
import { describeVariants } from './describeVariants.ts';
import { ExperimentStatusBadge } from './ExperimentStatusBadge.tsx';

/** One experiment in the list: its name (opens it), status, each variant's journey and share, when it started. */
export function ExperimentListItem({ experiment }: { experiment: JourneyExperimentSummary }) {
  return (
    <li className="xlist__item" data-experiment-id={experiment.id}>
      <div className="xlist__main">
        <a className="xlist__name" href={routeHref({ name: 'experiment', id: experiment.id })}>
          {experiment.name}
        </a>
        <ExperimentStatusBadge experiment={experiment} />
      </div>
      <ul className="xlist__variants" aria-label={`Variants of ${experiment.name}`}>
        {describeVariants(experiment).map((label) => (
          <li key={label.id} className={`xchip${label.journeyId ? '' : ' xchip--holdout'}`} title={label.text}>
            {label.journeyId ? (
              <>
                <strong>{label.id}</strong> · {label.name}
              </>
            ) : (
              label.name
            )}
            <span className="xchip__share">{label.share}</span>
          </li>
        ))}
      </ul>
      <span className="xlist__when">Started {formatDateTime(experiment.createdAt)}</span>
    </li>
  );
}
