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

// Sandboxed: only own properties are readable (no prototype walks), rendering is bounded so a template cannot
// spin forever, and nothing is read from disk. liquidjs resolves `include`, `render` and `layout` against the
// working directory by default, so an offer could have mailed out `.env` or the database; those tags are
// refused when the template is parsed (a publish-time error), and the engine's template lookup is an empty
// in-memory map in case one slips past.
const options = {
  ownPropertyOnly: true,
  strictFilters: true,
  relativeReference: false,
  templates: {},
  renderLimit: 1_000,
  parseLimit: 100_000,
  memoryLimit: 10_000_000,
} as const;
const FILE_TAGS = ['include', 'render', 'layout'] as const;

function sandboxed(engine: Liquid): Liquid {
  for (const tag of FILE_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available in offer templates: they cannot read other templates or files`);
      },
      render() {
        return '';
      },
    });
  }
  return engine;
}
const plain = sandboxed(new Liquid(options));
const html = sandboxed(new Liquid({ ...options, outputEscape: 'escape' }));

/** Checks a template parses; returns the reason it does not, or undefined. */
export function templateProblem(template: string): string | undefined {
  try {
    plain.parse(template);
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

// Each offer node's template is parsed once and reused for every user who reaches it.
type Parsed = ReturnType<Liquid['parse']>;
const parsedCache = new Map<string, Parsed>();
const CACHE_LIMIT = 1_000;

function parsed(engine: Liquid, key: string, template: string): Parsed {
  let tpl = parsedCache.get(key);
  if (!tpl) {
    tpl = engine.parse(template);
    if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
    parsedCache.set(key, tpl);
  }
  return tpl;
}

/** Renders an offer template. `escapeHtml` escapes every output, as email bodies need. Throws on a bad template. */
export function renderTemplate(template: string, scope: TemplateScope, escapeHtml = false): string {
  const engine = escapeHtml ? html : plain;
  const tpl = parsed(engine, `${escapeHtml ? 'h' : 'p'}:${template}`, template);
  return engine.renderSync(tpl, scope as unknown as Record<string, unknown>) as string;
}
