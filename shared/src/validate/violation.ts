/** Stable codes for journey problems, so the canvas and tests can rely on them (see README "Violations"). */
export const violationCodes = [
  'no-trigger',
  'many-triggers',
  'unconnected-handle',
  'unknown-handle',
  'dangling-edge',
  'duplicate-id',
  'unreachable-node',
  'instant-loop',
  'invalid-data',
  'missing-url',
  'bad-template',
  'edge-into-trigger',
  'duplicate-handle',
] as const;
export type ViolationCode = (typeof violationCodes)[number];

/** One problem with a journey, as data the canvas can outline and list. */
export interface Violation {
  code: ViolationCode;
  /** The node the problem belongs to, when it belongs to one. */
  nodeId?: string;
  /** The edge the problem belongs to, when it belongs to one. */
  edgeId?: string;
  /** A dotted path inside the node, such as `data.timeout`, when one field is at fault. */
  field?: string;
  /** Plain words for a marketer. */
  message: string;
}
