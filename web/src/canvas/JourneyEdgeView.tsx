import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatCount } from '../app/format.ts';
import type { FlowEdge } from '../store/documentToFlow.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';

/** An edge that, once the journey is live, carries how many users took it, and lights up on a traced path. */
export const JourneyEdgeView = memo(function JourneyEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const live = useJourneyStore((s) => s.stats !== null);
  const taken = useJourneyStore((s) => s.stats?.edges[id] ?? 0);
  const traced = useJourneyStore((s) => s.trace?.edgeIds.includes(id) ?? false);
  const invalid = useJourneyStore((s) => s.violations.some((v) => v.edgeId === id));

  const classes = ['wm-edge'];
  if (traced) classes.push('is-traced');
  if (invalid) classes.push('is-invalid');
  if (selected) classes.push('is-selected');

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes.join(' ')} />
      {live && (
        <EdgeLabelRenderer>
          <div
            className={`wm-edge-count nopan${taken === 0 ? ' is-zero' : ''}${traced ? ' is-traced' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={`${taken} user${taken === 1 ? '' : 's'} took this path`}
          >
            {formatCount(taken)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeViews = { journey: JourneyEdgeView };
