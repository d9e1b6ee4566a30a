import { Handle, NodeToolbar, Position } from '@xyflow/react';
import { memo, useMemo, type ReactNode } from 'react';
import type { JourneyNode } from '@waymark/shared';
import { formatCount } from '../app/format.ts';
import { useCanvasMode } from '../canvas/CanvasMode.ts';
import { useJourneyStore, useJourneyStoreApi } from '../store/useJourneyStore.ts';
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
  /** What a named exit shows instead of its label (a split's variant: colour, share, users so far). */
  renderOut?(handle: string): ReactNode;
}

/**
 * The frame every node kind is drawn in: kind colour and icon, the kind's summary, live counts, problems, a
 * traced user's step, and one labelled source handle per outcome. Kind views decide only what differs. Handles
 * sit on the sides of a left-to-right journey and above and below a top-to-bottom one.
 */
export const NodeCard = memo(function NodeCard({ id, type, data, selected, hasTarget = true, final = false, badge, children, renderOut }: NodeCardProps) {
  const { label, summary, handles } = useMemo(() => describeNode({ type, data }), [type, data]);
  const counts = useJourneyStore((s) => s.stats?.nodes[id]);
  const live = useJourneyStore((s) => s.stats !== null);
  const problems = useJourneyStore((s) => s.violationsByNode[id]);
  const step = useJourneyStore((s) => (s.trace ? s.trace.nodeIds.lastIndexOf(id) + 1 : 0));
  const isHere = useJourneyStore((s) => s.trace?.status === 'active' && s.trace.nodeIds.at(-1) === id);
  const { editable, direction } = useCanvasMode();
  const Icon = kindIcons[type];
  const named = handles.length > 1 || (handles.length === 1 && handles[0] !== 'next');
  const down = direction === 'DOWN';
  const into = down ? Position.Top : Position.Left;
  const out = down ? Position.Bottom : Position.Right;

  const classes = ['wm-node', `wm-node--${type}`];
  if (down) classes.push('wm-node--down');
  if (selected) classes.push('is-selected');
  if (problems) classes.push('is-invalid');
  if (step > 0) classes.push('is-traced');

  return (
    <div className={classes.join(' ')} data-node-id={id}>
      {editable && selected && <DeleteToolbar id={id} label={label} />}
      {hasTarget && <Handle type="target" position={into} className="wm-handle wm-handle--target" data-testid={`handle-${id}-in`} />}
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
              {renderOut ? renderOut(handle) : <span>{handleLabel(handle)}</span>}
              <Handle type="source" position={out} id={handle} className={`wm-handle wm-handle--${handle}`} data-testid={`handle-${id}-${handle}`} />
            </div>
          ))}
        </div>
      ) : (
        handles.map((handle) => (
          <Handle key={handle} type="source" position={out} id={handle} className="wm-handle" data-testid={`handle-${id}-${handle}`} />
        ))
      )}
    </div>
  );
});

/** Shown above the one selected step (React Flow hides it when several are selected): delete it. */
function DeleteToolbar({ id, label }: { id: string; label: string }) {
  const store = useJourneyStoreApi();
  return (
    <NodeToolbar position={Position.Top} align="end" offset={8} className="wm-node-toolbar">
      <button
        type="button"
        className="wm-node-toolbar__button"
        aria-label={`Delete ${label} step`}
        title="Delete step (Delete)"
        data-testid={`node-delete-${id}`}
        onClick={() => store.getState().deleteElements([id], [])}
      >
        <svg width="14" height="14" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M2 3.5h8M4.5 3.5V2.2h3v1.3M3.2 3.5l.5 6.3h4.6l.5-6.3" />
        </svg>
        Delete
      </button>
    </NodeToolbar>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="wm-node__count">
      <dt>{label}</dt>
      <dd>{formatCount(value)}</dd>
    </div>
  );
}
