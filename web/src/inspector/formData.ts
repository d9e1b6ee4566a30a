/** Node data as the inspector reads it: whatever the draft holds, typed or not, since drafts may be half-typed. */
export type NodeData = Record<string, unknown>;

/** A text field's value: the stored string, or empty for anything else. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A list field's strings (tags); anything else in it is dropped from view. */
export const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `data` with `key` set, or removed when `value` is undefined, so an emptied optional field leaves no trace. */
export function withKey(data: NodeData, key: string, value: unknown): NodeData {
  const { [key]: _old, ...rest } = data;
  return value === undefined ? rest : { ...rest, [key]: value };
}

/** `data` without `keys`. */
export function without(data: NodeData, ...keys: string[]): NodeData {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)));
}

/** A nested object field (`until`) as data, or empty. */
export const objectOf = (value: unknown): NodeData =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as NodeData) : {};

/** What every kind's form gets: the node's raw data, its problems by field, and the one way to change it. */
export interface InspectorFormProps {
  nodeId: string;
  data: NodeData;
  /** Plain-words problems by dotted path inside `data` (`until.event`, `where.0.value`). */
  errors: Record<string, string>;
  /** Writes the whole next data through `updateNodeData`, one undo step per burst of typing. */
  onChange(data: NodeData): void;
}
