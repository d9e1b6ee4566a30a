import { nodeKindOf, type Violation } from '@waymark/shared';
import { useFocusNode } from '../canvas/useFocusNode.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';

/** The node a problem is about: its own, or the source of the edge it names. */
function problemNode(violation: Violation, edgeSource: (edgeId: string) => string | undefined): string | undefined {
  return violation.nodeId ?? (violation.edgeId ? edgeSource(violation.edgeId) : undefined);
}

/** Every reason the draft cannot be published; clicking one centres the node it is about. */
export function ProblemsPanel() {
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
  const nodeLabel = (nodeId: string) => {
    const node = document?.nodes.find((n) => n.id === nodeId);
    return node ? `${nodeKindOf(node.type).label} · ${nodeId}` : nodeId;
  };

  return (
    <>
      <p className="panel-intro">
        Fix {violations.length === 1 ? 'this problem' : `these ${violations.length} problems`} to publish. Select one to find it on the canvas.
      </p>
      <ul className="problems">
        {violations.map((violation, i) => {
          const nodeId = problemNode(violation, edgeSource);
          const body = (
            <>
              <span className="problems__message">{violation.message}</span>
              <span className="problems__where">{nodeId ? nodeLabel(nodeId) : 'Whole journey'}</span>
            </>
          );
          return (
            <li key={`${violation.code}-${violation.nodeId ?? violation.edgeId ?? ''}-${i}`}>
              {nodeId ? (
                <button
                  type="button"
                  className={`problems__item${selected.includes(nodeId) ? ' is-selected' : ''}`}
                  onClick={() => focusNode(nodeId)}
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
