import { journeyExperimentInputSchema, type JourneyExperimentInput, type JourneySummary } from '@waymark/shared';

/** The "New experiment" form as typed: numbers stay text until submitted. */
export interface ExperimentForm {
  name: string;
  variants: Array<{ id: string; journeyId: string; weight: string }>;
  holdout: string;
}

/** Journeys that can be tested: published, running, and in no running experiment already. */
export function eligibleJourneys(journeys: readonly JourneySummary[]): JourneySummary[] {
  return journeys.filter((j) => j.publishedVersion !== null && j.status === 'active' && !j.experiment);
}

/** The next free variant id: A, B, C … Z, then V27, V28 … */
export function nextVariantId(taken: readonly string[]): string {
  for (let i = 0; ; i++) {
    const id = i < 26 ? String.fromCharCode(65 + i) : `V${i + 1}`;
    if (!taken.includes(id)) return id;
  }
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

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function toInput(form: ExperimentForm): JourneyExperimentInput {
  const holdout = toNumber(form.holdout);
  return {
    name: form.name,
    variants: form.variants.map((v) => ({ id: v.id, journeyId: v.journeyId, weight: toNumber(v.weight) })),
    ...(holdout > 0 || Number.isNaN(holdout) ? { holdout } : {}),
  };
}

/**
 * Problems by field ("name", "variants.1.journeyId", "holdout", "variants" for the whole list), checked with the
 * same schema the server uses, plus "pick a journey" for an empty choice.
 */
export function formProblems(form: ExperimentForm): Record<string, string> {
  const problems: Record<string, string> = {};
  form.variants.forEach((v, i) => {
    if (!v.journeyId) problems[`variants.${i}.journeyId`] = 'Choose a journey for this variant.';
  });
  const parsed = journeyExperimentInputSchema.safeParse(toInput(form));
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') || 'form';
      problems[field] ??= issue.message.replace(/^expected/, 'Expected');
    }
  return problems;
}

/** Maps a server error's field ("body.variants.1.journeyId: …") to the form's field and message. */
export function serverProblem(message: string): { field: string; message: string } {
  const match = /^body\.([\w.]+): (.*)$/.exec(message);
  return match ? { field: match[1]!, message: match[2]! } : { field: 'form', message };
}
