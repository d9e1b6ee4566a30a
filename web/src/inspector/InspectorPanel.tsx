import { nodeKindOf, type JourneyNode } from '@waymark/shared';
import { useMemo, type CSSProperties } from 'react';
import { describeNode, handleLabel } from '../nodes/describeNode.ts';
import { kindIcons } from '../nodes/kindIcons.tsx';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { fieldErrors, withViolations } from './fieldErrors.ts';
import { inspectorForms } from './inspectorForms.ts';
import { friendlyIssue } from './issueWording.ts';

/** The selected step's settings, or what is selected when it is not exactly one step. */
export function InspectorPanel() {
  const nodeIds = useJourneyStore((s) => s.selection.nodeIds);
  const edgeIds = useJourneyStore((s) => s.selection.edgeIds);
  const [only] = nodeIds;
  if (only !== undefined && nodeIds.length === 1) return <NodeInspector key={only} nodeId={only} />;
  if (nodeIds.length > 1) return <SelectionList nodeIds={nodeIds} />;
  const [edge] = edgeIds;
  if (edge !== undefined && edgeIds.length === 1) return <EdgeInspector edgeId={edge} />;
  return (
    <div className="panel-empty">
      <p className="panel-empty__title">Nothing selected</p>
      <p className="panel-empty__text">Select a step on the canvas to set it up.</p>
    </div>
  );
}

const kindStyle = (node: Pick<JourneyNode, 'type'>) => ({ '--kind': `var(--kind-${node.type})` }) as CSSProperties;

function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useJourneyStore((s) => s.document?.nodes.find((n) => n.id === nodeId));
  const violations = useJourneyStore((s) => s.violationsByNode[nodeId]);
  const updateNodeData = useJourneyStore((s) => s.updateNodeData);
  const deleteElements = useJourneyStore((s) => s.deleteElements);

  const errors = useMemo(() => {
    if (!node) return {};
    const raw = withViolations(fieldErrors(nodeKindOf(node.type).dataSchema, node.data), violations);
    return Object.fromEntries(Object.entries(raw).map(([path, message]) => [path, friendlyIssue(message, node.type, path)]));
  }, [node, violations]);

  if (!node) return <p className="panel-note">This step is no longer in the journey.</p>;
  const kind = nodeKindOf(node.type);
  const Icon = kindIcons[node.type];
  const Form = inspectorForms[node.type];
  // Problems that are about the step's place in the journey, not one of its fields.
  const elsewhere = (violations ?? []).filter((v) => v.code !== 'invalid-data' && !v.field?.startsWith('data.'));

  return (
    <div className="insp" aria-label={`${kind.label} settings`} role="form">
      <header className="insp-head" style={kindStyle(node)}>
        <span className="wm-node__icon insp-head__icon">
          <Icon />
        </span>
        <div className="insp-head__text">
          <h2 className="insp-head__kind">{kind.label}</h2>
          <p className="insp-head__desc">{kind.description}</p>
        </div>
        <dl className="insp-head__id">
          <dt>Step id</dt>
          <dd>
            <code data-testid="inspector-node-id">{node.id}</code>
          </dd>
        </dl>
      </header>

      <div className="insp__fields">
        <Form nodeId={node.id} data={node.data} errors={errors} onChange={(data) => updateNodeData(node.id, data)} />
      </div>

      {elsewhere.length > 0 && (
        <section className="insp__elsewhere" aria-label="Other problems with this step">
          <h3 className="insp-section__title">Also to fix</h3>
          <ul>
            {elsewhere.map((v, i) => (
              <li key={`${v.code}-${i}`}>{v.message}</li>
            ))}
          </ul>
        </section>
      )}

      <footer className="insp__footer">
        <button type="button" className="btn btn--ghost btn--small btn--danger-text" onClick={() => deleteElements([node.id], [])}>
          Delete step
        </button>
      </footer>
    </div>
  );
}

function SelectionList({ nodeIds }: { nodeIds: string[] }) {
  const nodes = useJourneyStore((s) => s.document?.nodes);
  const selectNodes = useJourneyStore((s) => s.selectNodes);
  const selected = (nodes ?? []).filter((n) => nodeIds.includes(n.id));
  return (
    <>
      <p className="panel-intro">{selected.length} steps selected. Choose one to set it up.</p>
      <ul className="insp-list">
        {selected.map((node) => {
          const { label, summary } = describeNode(node);
          const Icon = kindIcons[node.type];
          return (
            <li key={node.id}>
              <button type="button" className="insp-list__item" style={kindStyle(node)} onClick={() => selectNodes([node.id])}>
                <span className="wm-node__icon">
                  <Icon />
                </span>
                <span className="insp-list__text">
                  <span className="insp-list__kind">{label}</span>
                  <span>{summary ?? 'Needs setting up'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useJourneyStore((s) => s.document?.edges.find((e) => e.id === edgeId));
  const nodes = useJourneyStore((s) => s.document?.nodes);
  const deleteElements = useJourneyStore((s) => s.deleteElements);
  if (!edge) return null;
  const name = (id: string) => {
    const node = nodes?.find((n) => n.id === id);
    if (!node) return `a missing step (${id})`;
    const { label, summary } = describeNode(node);
    return summary ?? label;
  };
  return (
    <div className="insp">
      <header className="insp-head">
        <div className="insp-head__text">
          <h2 className="insp-head__kind">Connection</h2>
          <p className="insp-head__desc">Users leaving one step by this exit go on to the next.</p>
        </div>
      </header>
      <dl className="insp-edge">
        <dt>From</dt>
        <dd>{name(edge.source)}</dd>
        <dt>Exit</dt>
        <dd>{handleLabel(edge.sourceHandle)}</dd>
        <dt>To</dt>
        <dd>{name(edge.target)}</dd>
      </dl>
      <footer className="insp__footer">
        <button type="button" className="btn btn--ghost btn--small btn--danger-text" onClick={() => deleteElements([], [edge.id])}>
          Delete connection
        </button>
      </footer>
    </div>
  );
}
