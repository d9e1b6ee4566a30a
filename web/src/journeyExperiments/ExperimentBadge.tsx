import { routeHref } from '../app/route.ts';
import type { ExperimentMembership } from './experimentOfJourney.ts';

/**
 * "In experiment: Welcome test (B)" beside a journey, linking to the experiment: editing or pausing a journey
 * under test changes what one arm measures, so the marketer should see it before doing either.
 */
export function ExperimentBadge({ experiment }: { experiment: ExperimentMembership }) {
  return (
    <a
      className="badge badge--experiment"
      href={routeHref({ name: 'experiment', id: experiment.id })}
      title={`This journey is variant ${experiment.variant} of the running experiment "${experiment.name}"`}
      data-testid="journey-experiment-badge"
      // Inside a journey row, which opens the journey on click: this link goes to the experiment instead.
      onClick={(event) => event.stopPropagation()}
    >
      In experiment: <span className="badge__text">{experiment.name}</span> ({experiment.variant})
    </a>
  );
}
