import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps } from '@xyflow/react';
import { nodeTypes, type NodeType } from '@waymark/shared';
import { memo, useCallback, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { formatCount } from '../app/format.ts';
import type { FlowEdge } from '../store/documentToFlow.ts';
import { useJourneyStore, useJourneyStoreApi } from '../store/useJourneyStore.ts';
import { useCanvasMode } from './CanvasMode.ts';
import { KindMenu } from './KindMenu.tsx';

/** A trigger starts a journey, so it is never inserted in the middle of one. */
const insertable: readonly NodeType[] = nodeTypes.filter((t) => t !== 'trigger');

/**
 * An edge that, once the journey is live, carries how many users took it, and lights up on a traced path. While
 * editing it also carries "+" at its midpoint (insert a step here) and, when selected, a delete button. On a live
 * journey the count stays the label and "+" joins it only on hover or selection, so the numbers stay readable.
 */
export const JourneyEdgeView = memo(function JourneyEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const { editable, direction } = useCanvasMode();
  const live = useJourneyStore((s) => s.stats !== null);
  const taken = useJourneyStore((s) => s.stats?.edges[id] ?? 0);
  const traced = useJourneyStore((s) => s.trace?.edgeIds.includes(id) ?? false);
  const invalid = useJourneyStore((s) => s.violationsByEdge[id] !== undefined);
  const store = useJourneyStoreApi();
  const [hovered, setHovered] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const plusRef = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => setMenuOpen(false), []);

  const classes = ['wm-edge'];
  if (traced) classes.push('is-traced');
  if (invalid) classes.push('is-invalid');
  if (selected) classes.push('is-selected');

  const showPlus = editable && (!live || hovered || selected || menuOpen);
  const plus = showPlus && (
    <button
      ref={plusRef}
      type="button"
      className="wm-edge-button wm-edge-button--add"
      aria-label="Add a step on this connection"
      title="Add a step here"
      aria-haspopup="menu"
      aria-expanded={menuOpen}
      data-testid={`edge-add-${id}`}
      onClick={(event) => {
        // The label is portalled but React still bubbles to the edge, which would select it (and open it in the
        // inspector) when the marketer only wants to insert a step.
        event.stopPropagation();
        setMenuOpen((open) => !open);
      }}
    >
      <PlusIcon />
    </button>
  );

  return (
    <>
      <g onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
        <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes.join(' ')} interactionWidth={24} />
      </g>
      {(live || editable) && (
        <EdgeLabelRenderer>
          {/*
            The count (live) or "+" sits on the midpoint; the others stack beside it, across the reading direction
            (above on a left-to-right journey), where there is room between steps, so nothing jumps or hides.
          */}
          <div
            className={`wm-edge-tools nodrag nopan${direction === 'DOWN' ? ' is-down' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-tools-${id}`}
            onMouseEnter={() => setHovered(true)}
            onMouseLeave={() => setHovered(false)}
          >
            {live ? (
              <span
                className={`wm-edge-count${taken === 0 ? ' is-zero' : ''}${traced ? ' is-traced' : ''}`}
                title={`${taken} user${taken === 1 ? '' : 's'} took this path`}
              >
                {formatCount(taken)}
              </span>
            ) : (
              plus
            )}
            <span className="wm-edge-tools__extras">
              {live && plus}
              {editable && selected && (
                <button
                  type="button"
                  className="wm-edge-button wm-edge-button--delete"
                  aria-label="Delete connection"
                  title="Delete connection (Delete)"
                  data-testid={`edge-delete-${id}`}
                  onClick={() => store.getState().deleteElements([], [id])}
                >
                  <TrashIcon />
                </button>
              )}
            </span>
          </div>
        </EdgeLabelRenderer>
      )}
      {menuOpen && (
        <FloatingMenu at={{ x: labelX, y: labelY }}>
          <KindMenu label="Add a step here" kinds={insertable} anchor={plusRef} onPick={(type) => store.getState().insertOnEdge(id, type)} onClose={closeMenu} />
        </FloatingMenu>
      )}
    </>
  );
});

const MENU_HEIGHT = 260;

/**
 * A menu anchored to a point on the canvas but drawn over everything (nodes included) at its normal size, in
 * screen space: React Flow draws edge labels under the nodes and scales them with the zoom.
 */
function FloatingMenu({ at, children }: { at: { x: number; y: number }; children: ReactNode }) {
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const host = useStore((s) => s.domNode);
  const height = useStore((s) => s.height);
  if (!host) return null;
  const left = at.x * zoom + tx;
  const top = at.y * zoom + ty;
  const below = top + 18 + MENU_HEIGHT < height;
  return createPortal(
    // Events from the menu must not reach the edge (React bubbles through portals): a click would select it.
    <div
      className={`floating-menu${below ? '' : ' is-above'}`}
      style={{ left, top }}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      onPointerDown={(e) => e.stopPropagation()}
      onMouseDown={(e) => e.stopPropagation()}
    >
      {children}
    </div>,
    host,
  );
}

const icon = (children: ReactNode) => (
  <svg width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
);
const PlusIcon = () => icon(<path d="M6 2v8M2 6h8" />);
const TrashIcon = () => icon(<path d="M2 3.5h8M4.5 3.5V2.2h3v1.3M3.2 3.5l.5 6.3h4.6l.5-6.3" />);

export const edgeViews = { journey: JourneyEdgeView };
