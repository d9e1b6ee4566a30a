import { goalDataSchema, journeyMachine, parseDuration, type GoalData, type MachineJson } from '@waymark/shared';
import type { AnyStateMachine } from 'xstate';
import type { JourneyExperimentRecord, LiveJourney, Store, StoreTx } from '../store/storeTypes.ts';
import { journeyEntry, type JourneyEntry } from './triggerMatch.ts';

export interface CatalogJourney extends LiveJourney {
  entry: JourneyEntry | undefined;
  /** The goal events, which also decide experiment conversions. */
  goals: GoalData[];
  attributionWindowMs: number;
}

function goalsOf(doc: LiveJourney['document']): GoalData[] {
  return doc.nodes.flatMap((n) => {
    if (n.type !== 'goal') return [];
    const parsed = goalDataSchema.safeParse(n.data);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The published journeys the runtime acts on, and a machine per (journey, version). Users finish on the
 * version they entered, so machines of older versions are loaded on demand and kept.
 */
export class JourneyCatalog {
  private live: CatalogJourney[] = [];
  private byId = new Map<string, CatalogJourney>();
  private held: string[] = [];
  private taking: CatalogJourney[] = [];
  private experimentByJourney = new Map<string, JourneyExperimentRecord>();
  private readonly machines = new Map<string, AnyStateMachine>();

  private loading: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly store: Store) {}

  /**
   * Reads the published journeys and experiments again. Reloads never overlap: on PostgreSQL a periodic reload
   * and a notification can run beside the one a change made here started, and one that read before the change
   * but finished after it would put the old catalog back (new entrants would then skip a new experiment). A
   * call made during a reload waits for it and reads again; calls made meanwhile share that second read, which
   * starts after all of them, so each resolves on a catalog at least as new as the moment it was called.
   */
  reload(): Promise<void> {
    if (!this.loading) {
      this.loading = this.load().finally(() => (this.loading = undefined));
      return this.loading;
    }
    this.queued ??= this.loading
      .catch(() => {})
      .then(() => {
        this.queued = undefined;
        return this.reload();
      });
    return this.queued;
  }

  private async load(): Promise<void> {
    const [liveJourneys, journeys, experiments] = await Promise.all([this.store.liveJourneys(), this.store.listJourneys(), this.store.listJourneyExperiments()]);
    // Everything is read before anything is replaced: a step decided meanwhile sees one catalog, never half of two.
    const live = liveJourneys.map((j) => ({
      ...j,
      entry: journeyEntry(j.document),
      goals: goalsOf(j.document),
      attributionWindowMs: parseDuration(j.document.settings.attributionWindow ?? '7d') ?? 0,
    }));
    // Newest first: a journey that joined a new experiment after an old one was promoted follows the new one.
    const experimentByJourney = new Map<string, JourneyExperimentRecord>();
    for (const x of experiments) for (const v of x.config.variants) if (!experimentByJourney.has(v.journeyId)) experimentByJourney.set(v.journeyId, x);
    this.live = live;
    this.held = journeys.filter((j) => j.status === 'paused' || j.status === 'archived').map((j) => j.id);
    this.byId = new Map(live.map((j) => [j.id, j]));
    this.taking = live.filter((j) => j.status === 'active');
    this.experimentByJourney = experimentByJourney;
    for (const j of live) this.remember(j.id, j.version, j.machine);
  }

  /** After a change made here (publish, pause, experiment…): reload, and tell the other runtime processes. */
  async changed(): Promise<void> {
    await this.reload();
    await this.store.announceChange();
  }

  /** Journeys taking new entrants (asked on every event, so worked out once per reload). */
  active(): CatalogJourney[] {
    return this.taking;
  }

  /** Paused and archived journeys: their waits are held until they run again. */
  heldIds(): string[] {
    return this.held;
  }

  /** The journey experiment deciding who may enter this journey, if it is a variant of one. */
  experimentOf(journeyId: string): JourneyExperimentRecord | undefined {
    return this.experimentByJourney.get(journeyId);
  }

  journey(id: string): CatalogJourney | undefined {
    return this.byId.get(id);
  }

  /** Looks the version up through the open transaction: the store's own queue is held by it. */
  async machine(tx: StoreTx, journeyId: string, version: number): Promise<AnyStateMachine | undefined> {
    const cached = this.machines.get(`${journeyId}@${version}`);
    if (cached) return cached;
    const config = await tx.getVersionMachine(journeyId, version);
    return config ? this.remember(journeyId, version, config) : undefined;
  }

  private remember(journeyId: string, version: number, config: MachineJson): AnyStateMachine {
    const key = `${journeyId}@${version}`;
    let machine = this.machines.get(key);
    if (!machine) {
      machine = journeyMachine(config);
      this.machines.set(key, machine);
    }
    return machine;
  }
}
