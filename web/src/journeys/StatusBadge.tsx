import type { JourneyStatus } from '@waymark/shared';

const LABELS: Record<JourneyStatus, string> = { draft: 'Draft', active: 'Live', paused: 'Paused', archived: 'Archived' };

export function StatusBadge({ status }: { status: JourneyStatus }) {
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
