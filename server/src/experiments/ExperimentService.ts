import { parseDuration, splitConfigSchema, type ExperimentReport, type JourneyDocument } from '@waymark/shared';
import { HttpError } from '../http/HttpError.ts';
import type { JourneyService } from '../journeys/JourneyService.ts';
import type { Store } from '../store/storeTypes.ts';
import { experimentReport } from './experimentReport.ts';
import { splitPhase } from './splitPhase.ts';
import { findSplit } from './splitOf.ts';

/** A split's experiment inside one journey: its numbers for the canvas and the API, and promoting a winner. */
export class ExperimentService {
  constructor(
    private readonly store: Store,
    private readonly journeys: JourneyService,
    private readonly now: () => number = Date.now,
  ) {}

  async report(journeyId: string): Promise<ExperimentReport> {
    const journey = await this.journeys.get(journeyId);
    const doc = journey.published?.document;
    const split = doc ? findSplit(doc) : undefined;
    const windowText = doc?.settings.attributionWindow ?? '7d';
    if (!doc || !split) {
      return {
        kind: 'split',
        journeyId,
        node: null,
        status: 'none',
        promoted: null,
        attributionWindow: windowText,
        control: '',
        arms: [],
        phase: null,
        srm: { pValue: null, alarm: false, text: null },
        verdict: { status: 'collecting', text: 'This journey has no published split, so there is no experiment to read.' },
      };
    }

    const promotion = await this.store.getPromotion(journeyId, split.node);
    const until = promotion?.promotedAt ?? this.now();
    // After a promotion the record stays readable as it was: the experiment's phases up to it and its users.
    const versions = (await this.store.journeyVersions(journeyId)).filter((v) => !promotion || v.publishedAt < promotion.promotedAt);
    const phase = splitPhase(versions, split.node);
    const config = phase?.config ?? (promotion ? splitConfigSchema.parse(promotion.config) : split.config);
    const since = phase?.since ?? 0;
    const windowMs = parseDuration(windowText) ?? 0;
    const { arms, earlier } = await this.store.experimentArms({ experiment: journeyId, node: split.node, windowMs, since, until, now: this.now() });
    return experimentReport({
      kind: 'split',
      journeyId,
      node: split.node,
      status: promotion ? 'promoted' : 'running',
      promoted: promotion ? { variant: promotion.variant, at: promotion.promotedAt } : null,
      attributionWindow: windowText,
      config,
      counts: arms,
      phase: { number: phase?.number ?? 1, since, earlierUsers: earlier },
    });
  }

  /**
   * Routes every new entrant to `variant` by publishing a version whose split gives it all the weight and holds
   * nobody out. Users already assigned keep their recorded arm and finish where they are; the experiment's own
   * allocation is kept with the promotion so its report stays readable.
   */
  async promote(journeyId: string, variant: string) {
    const journey = await this.journeys.get(journeyId);
    const doc = journey.published?.document;
    const split = doc ? findSplit(doc) : undefined;
    if (!doc || !split) throw new HttpError(409, 'no_experiment', `id: journey "${journeyId}" has no published split to promote from`);
    if (!split.config.variants.some((v) => v.id === variant))
      throw new HttpError(400, 'invalid_input', `body.variant: expected one of ${split.config.variants.map((v) => v.id).join(', ')}`);
    const previous = await this.store.getPromotion(journeyId, split.node);
    // Taken before publishing, so the promoting version is the first one after the experiment's record ends.
    const at = this.now();
    const promotedDoc: JourneyDocument = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === split.node ? { ...n, data: { variants: split.config.variants.map((v) => ({ id: v.id, weight: v.id === variant ? 100 : 0 })), holdout: 0 } } : n,
      ),
    };
    await this.journeys.update(journeyId, promotedDoc);
    const { version } = await this.journeys.publish(journeyId, { allowPromotion: true });
    await this.store.savePromotion(journeyId, split.node, { variant, config: previous?.config ?? split.config, promotedAt: previous?.promotedAt ?? at });
    return { id: journeyId, version, promoted: variant };
  }
}
