import { splitConfigSchema, type JourneyDocument, type SplitConfig } from '@waymark/shared';

/**
 * The split of a published journey and its parsed config, or null: the server reads one experiment per journey,
 * the first split that parses, and so does the canvas (the Experiment tab, live allocation, the form's checks).
 */
export function publishedSplit(doc: JourneyDocument | null | undefined): { node: string; config: SplitConfig } | null {
  for (const node of doc?.nodes ?? []) {
    if (node.type !== 'split') continue;
    const parsed = splitConfigSchema.safeParse(node.data);
    if (parsed.success) return { node: node.id, config: parsed.data };
  }
  return null;
}
