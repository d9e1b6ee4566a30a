import { nodeKindOf, type JourneyNode } from '@waymark/shared';

/** What the canvas shows for one node, worked out from its kind in `@waymark/shared`. */
export interface NodeDescription {
  label: string;
  /** The kind's summary of the data, or undefined while the data does not parse yet (a half-typed draft). */
  summary: string | undefined;
  /** The source handles, in the order the node draws them. */
  handles: string[];
}

/**
 * Describes a node even when its data is invalid: the handles then come from the raw data when the kind can
 * read it (a wait with `until` still has `event` and `timeout`), else from the kind's defaults, so edges that
 * were drawn keep somewhere to attach.
 */
export function describeNode(node: Pick<JourneyNode, 'type' | 'data'>): NodeDescription {
  const kind = nodeKindOf(node.type);
  const parsed = kind.dataSchema.safeParse(node.data);
  if (parsed.success) return { label: kind.label, summary: kind.summary(parsed.data) || undefined, handles: kind.handles(parsed.data) };
  let handles: string[];
  try {
    handles = kind.handles(node.data);
  } catch {
    handles = kind.handles(kind.defaults);
  }
  return { label: kind.label, summary: undefined, handles };
}

const HANDLE_LABELS: Record<string, string> = { next: 'Next', yes: 'Yes', no: 'No', event: 'Event', timeout: 'Timeout' };

/** The words beside a source handle: "Yes", "Timeout", … */
export function handleLabel(handle: string): string {
  return HANDLE_LABELS[handle] ?? handle;
}
