import { journeyExperimentInputSchema, type JourneyExperimentInput, type JourneySummary } from '@waymark/shared';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { nextVariantId } from '../experiments/splitAllocation.ts';

/** The "New experiment" form as typed: numbers stay text until submitted. */
export interface ExperimentForm {
  name: string;
  variants: Array<{ id: string; journeyId: string; weight: string }>;
  holdout: string;
}

/** Where a problem is shown: a field of the form ("name", "variants.1.weight", "holdout", "variants"), or the form as a whole. */
export type FormProblems = Record<string, string>;

/** Journeys that can be tested: published, running, and in no running experiment already. */
export function eligibleJourneys(journeys: readonly JourneySummary[]): JourneySummary[] {
  return journeys.filter((j) => j.publishedVersion !== null && j.status === 'active' && !j.experiment);
}

/** A fresh form: the first two eligible journeys split 50/50, no holdout. */
export function initialForm(journeys: readonly JourneySummary[]): ExperimentForm {
  const [a, b] = eligibleJourneys(journeys);
  return {
    name: a ? `${a.name}: A/B test` : '',
    variants: [
      { id: 'A', journeyId: a?.id ?? '', weight: '50' },
      { id: 'B', journeyId: b?.id ?? '', weight: '50' },
    ],
    holdout: '0',
  };
}

/** Another variant row, with the next free id and the first eligible journey no other row has taken. */
export function addVariant(form: ExperimentForm, journeys: readonly JourneySummary[]): ExperimentForm {
  const taken = new Set(form.variants.map((v) => v.journeyId));
  const journey = eligibleJourneys(journeys).find((j) => !taken.has(j.id));
  const id = nextVariantId(form.variants.map((v) => v.id));
  return { ...form, variants: [...form.variants, { id, journeyId: journey?.id ?? '', weight: '50' }] };
}

/**
 * Removes a row. Ids are handed out in order (A, B, C…) and a variant's id is what the results call it, so the
 * rows after it are renamed to keep the letters without gaps; nothing is running yet, so no id is in use.
 */
export function removeVariant(form: ExperimentForm, index: number): ExperimentForm {
  const kept = form.variants.filter((_, i) => i !== index);
  const ids = kept.reduce<string[]>((taken) => [...taken, nextVariantId(taken)], []);
  return { ...form, variants: kept.map((v, i) => ({ ...v, id: ids[i]! })) };
}

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The request body the form stands for; a holdout of 0 is left out. */
export function toInput(form: ExperimentForm): JourneyExperimentInput {
  // An emptied holdout field means none, like 0.
  const holdout = form.holdout.trim() === '' ? 0 : Number(form.holdout);
  return {
    name: form.name,
    variants: form.variants.map((v) => ({ id: v.id, journeyId: v.journeyId, weight: toNumber(v.weight) })),
    ...(holdout > 0 || Number.isNaN(holdout) ? { holdout } : {}),
  };
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Problems by field, checked with the same schema the server uses, plus "choose a journey" for an empty choice
 * (the schema's own words for it are written for API callers).
 */
export function formProblems(form: ExperimentForm): FormProblems {
  const problems: FormProblems = {};
  form.variants.forEach((v, i) => {
    if (!v.journeyId) problems[`variants.${i}.journeyId`] = 'Choose a journey for this variant.';
  });
  const parsed = journeyExperimentInputSchema.safeParse(toInput(form));
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems[placeField(issue.path.join('.'), form)] ??= sentence(issue.message);
  return problems;
}

/** The fields the dialog shows an error under. */
function formFields(form: ExperimentForm): Set<string> {
  return new Set(['name', 'holdout', 'variants', ...form.variants.flatMap((_, i) => [`variants.${i}.journeyId`, `variants.${i}.weight`])]);
}

/** A field the form shows, or "form" for one it does not (a variant id, which the form picks itself). */
function placeField(field: string, form: ExperimentForm): string {
  return formFields(form).has(field) ? field : 'form';
}

/**
 * Puts the server's refusal where the marketer can act on it. The server names fields from the request body
 * (`body.variants.1.journeyId`): in `problems` for a 400 or a 422, and at the start of the message for a 404
 * ("no journey …"). A field the form does not show, or none at all, becomes a problem of the whole form.
 */
export function serverProblems(error: unknown, form: ExperimentForm): FormProblems {
  const named =
    error instanceof ApiError && error.body?.problems?.length
      ? error.body.problems.map((p) => ({ field: p.field, message: p.message }))
      : error instanceof ApiError
        ? [parseMessage(error.message)]
        : [{ field: '', message: errorMessage(error) }];
  const problems: FormProblems = {};
  for (const { field, message } of named) {
    const local = field.replace(/^body\.?/, '');
    const place = local ? placeField(local, form) : 'form';
    problems[place] ??= sentence(place === 'form' && local ? `${message} (${local})` : message);
  }
  return problems;
}

function parseMessage(message: string): { field: string; message: string } {
  const match = /^(body(?:\.[\w.]+)?): (.*)$/.exec(message);
  return match ? { field: match[1]!, message: match[2]! } : { field: '', message };
}
