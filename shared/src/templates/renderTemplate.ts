import { Liquid } from 'liquidjs';

/** What an offer template can see. */
export interface TemplateScope {
  user: { id: string; traits: Record<string, unknown>; tags: string[] };
  traits: Record<string, unknown>;
  tags: string[];
  event: { name: string; properties: Record<string, unknown> };
  offer: { code: string };
  journey: { id: string; name: string };
}

// Sandboxed: only own properties are readable (no prototype walks), includes and layouts are off, and
// rendering is bounded so a template cannot spin forever.
const options = {
  ownPropertyOnly: true,
  strictFilters: true,
  relativeReference: false,
  renderLimit: 1_000,
  parseLimit: 100_000,
  memoryLimit: 10_000_000,
} as const;
const plain = new Liquid(options);
const html = new Liquid({ ...options, outputEscape: 'escape' });

/** Checks a template parses; returns the reason it does not, or undefined. */
export function templateProblem(template: string): string | undefined {
  try {
    plain.parse(template);
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/** Renders an offer template. `escapeHtml` escapes every output, as email bodies need. Throws on a bad template. */
export function renderTemplate(template: string, scope: TemplateScope, escapeHtml = false): string {
  return (escapeHtml ? html : plain).parseAndRenderSync(template, scope as unknown as Record<string, unknown>);
}
