import type { Violation } from '@waymark/shared';
import type { FlowEdge, FlowNode } from './documentToFlow.ts';

/** Marks exactly `ids` selected, reusing every node whose selection does not change (so memoised views skip). */
export function selectOnly<T extends FlowNode | FlowEdge>(items: T[], ids: ReadonlySet<string>): T[] {
  return items.map((item) => (Boolean(item.selected) === ids.has(item.id) ? item : { ...item, selected: ids.has(item.id) }));
}

export function selectedIds(items: ReadonlyArray<FlowNode | FlowEdge>): string[] {
  return items.filter((item) => item.selected).map((item) => item.id);
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Violations by the node they belong to, for outlining; problems of the whole journey are left out. */
export function violationsByNode(violations: readonly Violation[]): Record<string, Violation[]> {
  const byNode: Record<string, Violation[]> = {};
  for (const violation of violations) {
    if (violation.nodeId === undefined) continue;
    (byNode[violation.nodeId] ??= []).push(violation);
  }
  return byNode;
}

/** Violations by the edge they belong to, for drawing an edge dashed red. */
export function violationsByEdge(violations: readonly Violation[]): Record<string, Violation[]> {
  const byEdge: Record<string, Violation[]> = {};
  for (const violation of violations) {
    if (violation.edgeId === undefined) continue;
    (byEdge[violation.edgeId] ??= []).push(violation);
  }
  return byEdge;
}
