import { triggerNode, type JourneyDocumentInput } from '@waymark/shared';

/** "Untitled journey", or "Untitled journey 2", 3, … so a new draft never shares a name with one in the list. */
export function untitledName(existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has('Untitled journey')) return 'Untitled journey';
  let n = 2;
  while (taken.has(`Untitled journey ${n}`)) n++;
  return `Untitled journey ${n}`;
}

/** The smallest draft worth opening: one trigger (the kind's defaults), ready for the editor to extend. */
export function newJourneyDocument(existingNames: readonly string[]): JourneyDocumentInput {
  return {
    name: untitledName(existingNames),
    settings: { reentry: 'never' },
    nodes: [{ id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { ...triggerNode.defaults } }],
    edges: [],
  };
}
