import { Handle, Position } from '@xyflow/react';
import { memo, useMemo, type ReactNode } from 'react';
import type { JourneyNode } from '@waymark/shared';
import { formatCount } from '../app/format.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { describeNode, handleLabel } from './describeNode.ts';
import { kindIcons } from './kindIcons.tsx';

export interface NodeCardProps {
  id: string;
  type: JourneyNode['type'];
  data: JourneyNode['data'];
  selected: boolean;
  /** Triggers start journeys, so nothing leads into them. */
  hasTarget?: boolean;
  /** Goals and exits end runs: they show how many arrived instead of waiting/passed. */
  final?: boolean;
  /** A word in the corner: "Start", "Converts". */
  badge?: string;
  /** Kind-specific details under the summary. */
  children?: ReactNode;
}

/**
 * The frame every node kind is drawn in: kind colour and icon, the kind's summary, live counts, problems, a
 * traced user's step, and one labelled source handle per outcome. Kind views decide only what differs.
 */
export const NodeCard = memo(function NodeCard({ id, type, data, selected, hasTarget = true, final = false, badge, children }: NodeCardProps) {
  const { label, summary, handles } = useMemo(() => describeNode({ type, data }), [type, data]);
  const counts = useJourneyStore((s) => s.stats?.nodes[id]);
  const live = useJourneyStore((s) => s.stats !== null);
  const problems = useJourneyStore((s) => s.violationsByNode[id]);
  const step = useJourneyStore((s) => (s.trace ? s.trace.nodeIds.lastIndexOf(id) + 1 : 0));
  const isHere = useJourneyStore((s) => s.trace?.status === 'active' && s.trace.nodeIds.at(-1) === id);
  const Icon = kindIcons[type];
  const named = handles.length > 1 || (handles.length === 1 && handles[0] !== 'next');

  const classes = ['wm-node', `wm-node--${type}`];
  if (selected) classes.push('is-selected');
  if (problems) classes.push('is-invalid');
  if (step > 0) classes.push('is-traced');

  return (
    <div className={classes.join(' ')} data-node-id={id}>
      {hasTarget && <Handle type="target" position={Position.Left} className="wm-handle wm-handle--target" />}
      <div className="wm-node__head">
        <span className="wm-node__icon">
          <Icon />
        </span>
        <span className="wm-node__kind">{label}</span>
        {step > 0 && (
          <span className="wm-node__step" title={`Step ${step} of the traced run`}>
            {step}
          </span>
        )}
        {badge && <span className="wm-node__badge">{badge}</span>}
        {problems && (
          <span className="wm-node__problem" title={problems.map((p) => p.message).join('\n')} aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
            !
          </span>
        )}
      </div>
      <div className={`wm-node__summary${summary ? '' : ' wm-node__summary--empty'}`}>{summary ?? 'Needs setting up'}</div>
      {children && <div className="wm-node__details">{children}</div>}
      {isHere && <div className="wm-node__here">Here now</div>}
      {live && (
        <dl className={`wm-node__counts${final ? ' wm-node__counts--final' : ''}`}>
          {final ? (
            <Count label="Reached" value={counts?.entered ?? 0} />
          ) : (
            <>
              <Count label="Entered" value={counts?.entered ?? 0} />
              <Count label="Waiting" value={counts?.waiting ?? 0} />
              <Count label="Passed" value={counts?.passed ?? 0} />
            </>
          )}
        </dl>
      )}
      {named ? (
        <div className="wm-node__outs">
          {handles.map((handle) => (
            <div key={handle} className={`wm-node__out wm-node__out--${handle}`}>
              <span>{handleLabel(handle)}</span>
              <Handle type="source" position={Position.Right} id={handle} className={`wm-handle wm-handle--${handle}`} />
            </div>
          ))}
        </div>
      ) : (
        handles.map((handle) => <Handle key={handle} type="source" position={Position.Right} id={handle} className="wm-handle" />)
      )}
    </div>
  );
});

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="wm-node__count">
      <dt>{label}</dt>
      <dd>{formatCount(value)}</dd>
    </div>
  );
}
