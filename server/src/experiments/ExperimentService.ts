import {
  analyzeExperiment,
  HOLDOUT_ARM,
  parseDuration,
  splitConfigSchema,
  type ExperimentReport,
  type JourneyDocument,
} from '@waymark/shared';
import { HttpError } from '../http/HttpError.ts';
import type { JourneyService } from '../journeys/JourneyService.ts';
import type { Store } from '../store/storeTypes.ts';
import { findSplit } from './splitOf.ts';

/** Experiment numbers for the canvas and the API, and promoting a winner. */
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
    const empty: ExperimentReport = {
      journeyId,
      node: null,
      status: 'none',
      promoted: null,
      attributionWindow: windowText,
      control: '',
      arms: [],
      srm: { pValue: null, alarm: false, text: null },
      verdict: { status: 'collecting', text: 'This journey has no published split, so there is no experiment to read.' },
    };
    if (!doc || !split) return empty;

    const promotion = await this.store.getPromotion(journeyId, split.node);
    // After a promotion the record stays readable as it was: the experiment's own allocation and users.
    const config = promotion ? splitConfigSchema.parse(promotion.config) : split.config;
    const until = promotion?.promotedAt ?? this.now();
    const counts = await this.store.experimentArms(journeyId, split.node, parseDuration(windowText) ?? 0, until);
    const byArm = new Map(counts.map((c) => [c.arm, c]));
    const holdout = config.holdout ?? 0;
    const arms = [
      ...(holdout > 0 ? [{ id: HOLDOUT_ARM, weight: holdout }] : []),
      ...config.variants.map((v) => ({ id: v.id, weight: ((100 - holdout) * v.weight) / config.variants.reduce((s, x) => s + x.weight, 0) })),
    ].map((arm) => {
      const c = byArm.get(arm.id);
      return { ...arm, entered: c?.entered ?? 0, converted: c?.converted ?? 0, offersSent: c?.offersSent ?? 0, offerCost: c?.offerCost ?? 0, revenue: c?.revenue ?? 0 };
    });
    const control = holdout > 0 ? HOLDOUT_ARM : (config.variants[0]?.id ?? '');
    const analysis = analyzeExperiment({ control, arms });
    return {
      journeyId,
      node: split.node,
      status: promotion ? 'promoted' : 'running',
      promoted: promotion ? { variant: promotion.variant, at: promotion.promotedAt } : null,
      attributionWindow: windowText,
      control,
      arms: analysis.arms,
      srm: { pValue: analysis.sampleRatio.pValue, alarm: analysis.sampleRatio.alarm, text: analysis.sampleRatio.text },
      verdict: analysis.verdict,
    };
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
    const promotedDoc: JourneyDocument = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === split.node ? { ...n, data: { variants: split.config.variants.map((v) => ({ id: v.id, weight: v.id === variant ? 100 : 0 })), holdout: 0 } } : n,
      ),
    };
    await this.journeys.update(journeyId, promotedDoc);
    const { version } = await this.journeys.publish(journeyId, { allowPromotion: true });
    await this.store.savePromotion(journeyId, split.node, { variant, config: previous?.config ?? split.config, promotedAt: this.now() });
    return { id: journeyId, version, promoted: variant };
  }
}
