import type { Violation } from '@waymark/shared';
import { useFocusNode } from '../canvas/useFocusNode.ts';
import { problemText } from '../inspector/problemText.ts';
import { describeNode } from '../nodes/describeNode.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';

/** The node a problem is about: its own, or the source of the edge it names. */
function problemNode(violation: Violation, edgeSource: (edgeId: string) => string | undefined): string | undefined {
  return violation.nodeId ?? (violation.edgeId ? edgeSource(violation.edgeId) : undefined);
}

/** Every reason the draft cannot be published; clicking one centres the node it is about (and `onFocus` opens its settings). */
export function ProblemsPanel({ onFocus }: { onFocus?: (nodeId: string) => void } = {}) {
  const violations = useJourneyStore((s) => s.violations);
  const document = useJourneyStore((s) => s.document);
  const selected = useJourneyStore((s) => s.selection.nodeIds);
  const focusNode = useFocusNode();

  if (violations.length === 0)
    return (
      <div className="panel-empty">
        <div className="panel-empty__icon panel-empty__icon--ok" aria-hidden="true">
          ✓
        </div>
        <p className="panel-empty__title">No problems</p>
        <p className="panel-empty__text">Every path ends, every outcome is connected, and every node is set up.</p>
      </div>
    );

  const edgeSource = (edgeId: string) => document?.edges.find((e) => e.id === edgeId)?.source;
  const nodeOf = (nodeId: string | undefined) => (nodeId === undefined ? undefined : document?.nodes.find((n) => n.id === nodeId));
  // The kind and what the step does ("Offer · Send WINBACK20 by webhook"), or its id while it is not set up.
  const nodeLabel = (nodeId: string) => {
    const node = nodeOf(nodeId);
    if (!node) return nodeId;
    const { label, summary } = describeNode(node);
    return `${label} · ${summary && summary !== label ? summary : nodeId}`;
  };

  return (
    <>
      <p className="panel-intro">
        Fix {violations.length === 1 ? 'this problem' : `these ${violations.length} problems`} to publish. Select one to find it on the canvas and fix it.
      </p>
      <ul className="problems">
        {violations.map((violation, i) => {
          const nodeId = problemNode(violation, edgeSource);
          const body = (
            <>
              <span className="problems__message">{problemText(violation, nodeOf(violation.nodeId)?.type)}</span>
              <span className="problems__where">{nodeId ? nodeLabel(nodeId) : 'Whole journey'}</span>
            </>
          );
          return (
            <li key={`${violation.code}-${violation.nodeId ?? violation.edgeId ?? ''}-${i}`}>
              {nodeId ? (
                <button
                  type="button"
                  className={`problems__item${selected.includes(nodeId) ? ' is-selected' : ''}`}
                  onClick={() => {
                    focusNode(nodeId);
                    onFocus?.(nodeId);
                  }}
                >
                  {body}
                </button>
              ) : (
                <div className="problems__item">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
