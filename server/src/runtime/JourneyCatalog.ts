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

  constructor(private readonly store: Store) {}

  async reload(): Promise<void> {
    this.live = (await this.store.liveJourneys()).map((j) => ({
      ...j,
      entry: journeyEntry(j.document),
      goals: goalsOf(j.document),
      attributionWindowMs: parseDuration(j.document.settings.attributionWindow ?? '7d') ?? 0,
    }));
    this.held = (await this.store.listJourneys()).filter((j) => j.status === 'paused' || j.status === 'archived').map((j) => j.id);
    this.byId = new Map(this.live.map((j) => [j.id, j]));
    this.taking = this.live.filter((j) => j.status === 'active');
    // Newest first: a journey that joined a new experiment after an old one was promoted follows the new one.
    this.experimentByJourney = new Map();
    for (const x of await this.store.listJourneyExperiments())
      for (const v of x.config.variants) if (!this.experimentByJourney.has(v.journeyId)) this.experimentByJourney.set(v.journeyId, x);
    for (const j of this.live) this.remember(j.id, j.version, j.machine);
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
