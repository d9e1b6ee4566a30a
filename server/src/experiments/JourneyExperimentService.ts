import { randomBytes } from 'node:crypto';
import {
  goalDataSchema,
  journeyExperimentInputSchema,
  journeyExperimentKey,
  journeyExperimentSplit,
  JOURNEY_EXPERIMENT_NODE,
  parseDuration,
  type JourneyDocument,
  type JourneyExperimentDetail,
  type JourneyExperimentSummary,
} from '@waymark/shared';
import { HttpError, parseInput } from '../http/HttpError.ts';
import type { JourneyCatalog } from '../runtime/JourneyCatalog.ts';
import type { JourneyExperimentRecord, JourneyRecord, Store } from '../store/storeTypes.ts';
import { experimentReport } from './experimentReport.ts';

const newExperimentId = () => `x_${randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
const refused = (field: string, message: string) => new HttpError(422, 'experiment_refused', `${field}: ${message}`, { problems: [{ field, message }] });

/** The parts of a journey that must match for its variants to be measured alike. */
function measuredAs(doc: JourneyDocument) {
  const trigger = doc.nodes.find((n) => n.type === 'trigger');
  const goals = doc.nodes
    .filter((n) => n.type === 'goal')
    .map((n) => goalDataSchema.safeParse(n.data))
    .flatMap((g) => (g.success ? [g.data.event] : []))
    .sort();
  return { trigger: canonical(trigger?.data ?? null), goals, window: doc.settings.attributionWindow ?? '7d' };
}

/** JSON with sorted keys, so two equal trigger configurations compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Journeys tested side by side: creating an experiment over published journeys, reading it, and promoting a
 * winner. Who enters which journey is decided in the runtime (`journeyExperimentEntry`).
 */
export class JourneyExperimentService {
  constructor(
    private readonly store: Store,
    private readonly catalog: JourneyCatalog,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<JourneyExperimentSummary[]> {
    const [experiments, journeys] = await Promise.all([this.store.listJourneyExperiments(), this.journeyMap()]);
    return experiments.map((x) => this.summary(x, journeys));
  }

  async get(id: string): Promise<JourneyExperimentDetail> {
    const experiment = await this.store.getJourneyExperiment(id);
    if (!experiment) throw new HttpError(404, 'not_found', `id: no experiment "${id}"`);
    const journeys = await this.journeyMap();
    return { ...this.summary(experiment, journeys), report: await this.report(experiment, journeys) };
  }

  /**
   * Starts an experiment. Every variant must be a published, running journey that is in no other running
   * experiment, and must start on the control's trigger and count the control's goals within the same
   * attribution window: otherwise the arms would measure different things.
   */
  async create(body: unknown): Promise<JourneyExperimentDetail> {
    const input = parseInput(journeyExperimentInputSchema, body);
    const journeys = await this.journeyMap();
    const running = (await this.store.listJourneyExperiments()).filter((x) => x.status === 'running');
    let control: ReturnType<typeof measuredAs> | undefined;
    for (const [index, variant] of input.variants.entries()) {
      const field = `body.variants.${index}.journeyId`;
      const journey = journeys.get(variant.journeyId);
      if (!journey) throw new HttpError(404, 'not_found', `${field}: no journey "${variant.journeyId}"`);
      if (journey.publishedVersion === null) throw refused(field, `journey "${journey.name}" is not published; publish it before testing it`);
      if (journey.status !== 'active') throw refused(field, `journey "${journey.name}" is ${journey.status}; resume it before testing it`);
      const taken = running.find((x) => x.config.variants.some((v) => v.journeyId === journey.id));
      if (taken) throw refused(field, `journey "${journey.name}" is already in the running experiment "${taken.name}"`);
      const version = await this.store.getVersion(journey.id, journey.publishedVersion);
      if (!version) throw refused(field, `journey "${journey.name}" has no published version`);
      const measured = measuredAs(version.document);
      if (measured.goals.length === 0) throw refused(field, `journey "${journey.name}" has no goal, so nothing would be measured; add a Goal step`);
      if (!control) {
        control = measured;
        continue;
      }
      if (measured.trigger !== control.trigger) throw refused(field, `journey "${journey.name}" must start on the same trigger as the control, so both arms see the same users`);
      if (measured.goals.join('\n') !== control.goals.join('\n'))
        throw refused(field, `journey "${journey.name}" must have the same goal events as the control (${control.goals.join(', ')})`);
      if (measured.window !== control.window)
        throw refused(field, `journey "${journey.name}" must use the control's attribution window (${control.window}), not ${measured.window}`);
    }
    const record: JourneyExperimentRecord = {
      id: newExperimentId(),
      name: input.name,
      config: { variants: input.variants, ...(input.holdout ? { holdout: input.holdout } : {}) },
      status: 'running',
      promotedVariant: null,
      promotedAt: null,
      createdAt: this.now(),
    };
    await this.store.createJourneyExperiment(record);
    await this.catalog.changed();
    return this.get(record.id);
  }

  /** Every new entrant goes to the winner's journey from now on; users already in a variant finish there. */
  async promote(id: string, variant: string): Promise<JourneyExperimentDetail> {
    const experiment = await this.store.getJourneyExperiment(id);
    if (!experiment) throw new HttpError(404, 'not_found', `id: no experiment "${id}"`);
    if (!experiment.config.variants.some((v) => v.id === variant))
      throw new HttpError(400, 'invalid_input', `body.variant: expected one of ${experiment.config.variants.map((v) => v.id).join(', ')}`);
    if (experiment.status === 'promoted')
      throw new HttpError(409, 'already_promoted', `id: experiment "${experiment.name}" already promoted ${experiment.promotedVariant}`);
    await this.store.promoteJourneyExperiment(id, variant, this.now());
    await this.catalog.changed();
    return this.get(id);
  }

  private async journeyMap(): Promise<Map<string, JourneyRecord>> {
    return new Map((await this.store.listJourneys()).map((j) => [j.id, j]));
  }

  private summary(x: JourneyExperimentRecord, journeys: ReadonlyMap<string, JourneyRecord>): JourneyExperimentSummary {
    return {
      id: x.id,
      name: x.name,
      status: x.status,
      holdout: x.config.holdout ?? 0,
      variants: x.config.variants.map((v) => {
        const journey = journeys.get(v.journeyId);
        return { id: v.id, journeyId: v.journeyId, journeyName: journey?.name ?? v.journeyId, journeyStatus: journey?.status ?? 'archived', weight: v.weight };
      }),
      createdAt: x.createdAt,
      promoted: x.status === 'promoted' && x.promotedVariant !== null ? { variant: x.promotedVariant, at: x.promotedAt ?? x.createdAt } : null,
    };
  }

  private async report(x: JourneyExperimentRecord, journeys: ReadonlyMap<string, JourneyRecord>) {
    const control = x.config.variants[0]!;
    const controlJourney = journeys.get(control.journeyId);
    const version = controlJourney?.publishedVersion ? await this.store.getVersion(control.journeyId, controlJourney.publishedVersion) : undefined;
    const windowText = version?.document.settings.attributionWindow ?? '7d';
    const until = x.promotedAt ?? this.now();
    const { arms } = await this.store.experimentArms({
      experiment: journeyExperimentKey(x.id),
      node: JOURNEY_EXPERIMENT_NODE,
      windowMs: parseDuration(windowText) ?? 0,
      since: x.createdAt,
      until,
      now: this.now(),
    });
    return experimentReport({
      kind: 'journeys',
      journeyId: control.journeyId,
      experimentId: x.id,
      node: null,
      status: x.status,
      promoted: x.status === 'promoted' && x.promotedVariant !== null ? { variant: x.promotedVariant, at: until } : null,
      attributionWindow: windowText,
      config: journeyExperimentSplit(x.config),
      counts: arms,
      phase: { number: 1, since: x.createdAt, earlierUsers: 0 },
      journeys: new Map(x.config.variants.map((v) => [v.id, { id: v.journeyId, name: journeys.get(v.journeyId)?.name ?? v.journeyId }])),
    });
  }
}
