import { splitConfigSchema, weightChangeProblems, type JourneyDocument, type SplitConfig } from '@waymark/shared';

/** The split node of a document and its parsed config, if it has one (one experiment per journey). */
export function findSplit(doc: JourneyDocument): { node: string; config: SplitConfig } | undefined {
  for (const n of doc.nodes) {
    if (n.type !== 'split') continue;
    const parsed = splitConfigSchema.safeParse(n.data);
    if (parsed.success) return { node: n.id, config: parsed.data };
  }
  return undefined;
}

/**
 * Weight changes a publish may make to a running split: the ones that keep every recorded assignment valid
 * (see shared/src/experiments/weightChange.ts). Returns the problems in words.
 */
export function splitChangeProblems(previous: JourneyDocument | undefined, next: JourneyDocument): string[] {
  const before = previous ? findSplit(previous) : undefined;
  const after = findSplit(next);
  if (!before || !after || before.node !== after.node) return [];
  return weightChangeProblems(before.config, after.config);
}
