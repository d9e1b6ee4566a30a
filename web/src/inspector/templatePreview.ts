import { renderTemplate, templateProblem, type TemplateScope } from '@waymark/shared';

/** The made-up user an offer's message is previewed for; edited in the preview, kept while the page is open. */
export interface SampleUser {
  id: string;
  name: string;
  email: string;
  plan: string;
  /** Comma-separated, as typed. */
  tags: string;
}

export const defaultSampleUser: SampleUser = { id: 'user_123', name: 'Ada', email: 'ada@example.com', plan: 'pro', tags: 'vip, beta' };

export interface PreviewContext {
  offerCode: string;
  journey: { id: string; name: string };
  /** The trigger's event, so `{{ event.name }}` reads as it will for real. */
  eventName: string;
}

/** The scope the runtime renders with (see `advanceRun`), built from the sample user; empty traits are left out. */
export function previewScope(sample: SampleUser, ctx: PreviewContext): TemplateScope {
  const traits: Record<string, unknown> = {};
  for (const key of ['name', 'email', 'plan'] as const) if (sample[key].trim()) traits[key] = sample[key].trim();
  const tags = sample.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    user: { id: sample.id.trim() || 'user_123', traits, tags },
    traits,
    tags,
    event: { name: ctx.eventName, properties: {} },
    offer: { code: ctx.offerCode },
    journey: ctx.journey,
  };
}

export type Preview = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Renders the message as it will be sent: HTML-escaped for email. A template that does not parse, or fails to
 * render (an unknown filter), answers the reason instead of throwing.
 */
export function renderPreview(template: string, scope: TemplateScope, escapeHtml: boolean): Preview {
  const problem = templateProblem(template);
  if (problem !== undefined) return { ok: false, problem };
  try {
    return { ok: true, text: renderTemplate(template, scope, escapeHtml) };
  } catch (error) {
    return { ok: false, problem: (error as Error).message.split('\n')[0] ?? 'the template could not be rendered' };
  }
}
