import { timeOrderedId } from '../timeOrderedId.ts';
import {
  advanceRun,
  applyTagChange,
  matchConditions,
  passDueWaits,
  startRun,
  storedRun,
  trackEventType,
  WAKEUP_EVENT,
  JOURNEY_EXPERIMENT_NODE,
  type RunEvent,
  type RunTrigger,
  type RunUser,
  type PlannedOffer,
  type StepPlan,
} from '@waymark/shared';
import type { RunRecord, StepEntry, StoredEvent, StoreTx, UserRecord, WakeupRecord } from '../store/storeTypes.ts';
import { entryVerdict } from './entryRules.ts';
import { journeyExperimentEntry, type ExperimentEntry } from './journeyExperimentEntry.ts';
import type { CatalogJourney, JourneyCatalog } from './JourneyCatalog.ts';
import { eventCountsAsActivity, eventStarts } from './triggerMatch.ts';
import { inJourney } from './journeyOfError.ts';

/** Everything one event or wakeup changes, gathered while deciding and written in the same transaction. */
interface Step {
  tx: StoreTx;
  now: number;
  user: UserRecord;
  /** False for a user first seen in this step: nobody has runs before their first event, so none are looked up. */
  known: boolean;
  /** Runs started in this step, by journey: the latest run there, whatever the store holds. */
  started: Map<string, RunRecord>;
  userDirty: boolean;
  /** Tags added during this step, which may start `tagAdded` journeys. */
  tagsAdded: string[];
  /** The wakeup being fired in this step, already deleted. */
  firing?: number;
  /** What this step adds to the user's timeline, in order: written as one row at the end. */
  timeline: StepEntry[];
}

const offerRow = (base: Omit<StepEntry, 'kind' | 'detail'>, o: PlannedOffer): StepEntry => ({
  ...base,
  kind: 'offer',
  node: o.node,
  detail: { offer: o.offer, channel: o.channel, cost: o.cost },
});

const runUser = (u: UserRecord): RunUser => ({ id: u.id, traits: u.traits, tags: u.tags, assignments: u.assignments });

/**
 * The runtime's decision step. xstate computes each run's next snapshot and planned effects purely
 * (`startRun` / `advanceRun`); this class turns a plan into rows — the run, its one durable wakeup, outbox
 * offers, stats and timeline — inside the caller's transaction. Nothing here sends anything.
 */
export class Runtime {
  constructor(
    private readonly catalog: JourneyCatalog,
    /** Told of each run wakeup a step plans (the scheduler sleeps until the earliest). */
    private readonly onWakeupPlanned: (dueAt: number) => void = () => {},
  ) {}

  /** Applies one inbox event: profile, running journeys, new entries, inactivity timers. */
  async processEvent(tx: StoreTx, event: StoredEvent, now: number): Promise<void> {
    const existing = await tx.getUser(event.userId);
    // A client clock ahead of ours must not postpone a user's silence: activity is never later than arrival.
    const activeAt = Math.min(event.timestamp, event.receivedAt);
    const user: UserRecord = existing ?? { id: event.userId, traits: {}, tags: [], assignments: {}, firstSeenAt: now, lastSeenAt: activeAt };
    const step: Step = { tx, now, user, known: existing !== undefined, started: new Map(), userDirty: !existing, tagsAdded: [], timeline: [] };
    step.timeline.push({ kind: 'event', detail: { type: event.kind, name: event.name, messageId: event.messageId, ...event.payload } });

    if (event.kind === 'identify') {
      user.traits = { ...user.traits, ...((event.payload.traits as Record<string, unknown>) ?? {}) };
      step.userDirty = true;
    }
    if (event.kind === 'tags') {
      this.changeTags(step, (event.payload.add as string[]) ?? [], (event.payload.remove as string[]) ?? []);
    }
    if (event.kind !== 'tags' && activeAt > user.lastSeenAt) {
      user.lastSeenAt = activeAt;
      step.userDirty = true;
    }

    if (event.kind === 'track' && event.name !== undefined) {
      const properties = (event.payload.properties as Record<string, unknown>) ?? {};
      const runEvent: RunEvent = { type: trackEventType(event.name) as `track:${string}`, name: event.name, properties };
      for (const run of step.known ? await tx.activeRuns(user.id) : []) await this.advance(step, run, runEvent);
      // Only users with an experiment arm can convert in one; most users have none, so skip the query.
      if (Object.keys(user.assignments).length > 0) await this.attributeConversions(step, event.name, properties, activeAt);
      for (const journey of this.catalog.active()) {
        const entry = journey.entry;
        if (!entry) continue;
        if (eventStarts(entry, event.name, properties)) await this.tryEnter(step, journey, { name: event.name, properties });
        if (entry.inactiveForMs !== undefined && eventCountsAsActivity(entry, event.name))
          await tx.armInactivity(journey.id, user.id, activeAt + entry.inactiveForMs);
      }
    }

    await this.enterTagJourneys(step);
    await this.finish(step);
    await tx.markProcessed(event.seq, now);
  }

  /** Fires one due wakeup: a run's wait ending, or a user's silence reaching an inactivity trigger. */
  async processWakeup(tx: StoreTx, wakeup: WakeupRecord, now: number): Promise<void> {
    await tx.deleteWakeup(wakeup.id);
    const user = await tx.getUser(wakeup.userId);
    if (!user) return;
    const step: Step = { tx, now, user, known: true, started: new Map(), userDirty: false, tagsAdded: [], timeline: [], firing: wakeup.id };

    if (wakeup.kind === 'run') {
      const run = wakeup.runId ? await tx.getRun(wakeup.runId) : undefined;
      // A wakeup acts only if it is the one its run is waiting on: never twice, never after a re-entry.
      if (!run || run.status !== 'active' || run.wakeupId !== wakeup.id || wakeup.node === null) return;
      await this.advance(step, run, { type: WAKEUP_EVENT, node: wakeup.node });
    } else {
      const journey = this.catalog.journey(wakeup.journeyId);
      if (!journey || journey.status !== 'active' || journey.entry?.mode !== 'inactivity') return;
      await this.tryEnter(step, journey, { name: 'waymark.inactive', properties: { inactiveFor: journey.entry.inactiveFor } });
    }
    await this.enterTagJourneys(step);
    await this.finish(step);
  }

  /**
   * Experiment conversions belong to the assignment, not the run: a goal event within the attribution window
   * counts for the user's arm even after their run has ended (a variant that exits right after its offer).
   */
  private async attributeConversions(step: Step, name: string, properties: Record<string, unknown>, at: number) {
    for (const a of await step.tx.openAssignments(step.user.id)) {
      const journey = this.catalog.journey(a.goalJourney);
      // A user's events apply in order, so this event came after the assignment even when its client time is
      // a little earlier than the moment the assignment was decided (ingestion runs ahead of processing).
      if (!journey || at - a.assignedAt > journey.attributionWindowMs) continue;
      if (!journey.goals.some((g) => g.event === name && matchConditions(properties, g.where))) continue;
      const revenue = Number(properties.revenue);
      await step.tx.markAssignmentConverted({ ...a, userId: step.user.id, at, revenue: Number.isFinite(revenue) ? revenue : 0 });
    }
  }

  private changeTags(step: Step, add: string[], remove: string[]) {
    const before = step.user.tags;
    step.user.tags = applyTagChange(before, add, remove);
    const added = step.user.tags.filter((t) => !before.includes(t));
    const removed = before.filter((t) => !step.user.tags.includes(t));
    if (added.length + removed.length === 0) return;
    step.userDirty = true;
    step.tagsAdded.push(...added);
    step.timeline.push({ kind: 'tags', detail: { added, removed, source: 'api' } });
  }

  private async advance(step: Step, run: RunRecord, event: RunEvent) {
    try {
      const journey = this.catalog.journey(run.journeyId);
      if (!journey || journey.status !== 'active') return; // paused: nobody moves until it resumes
      const machine = await this.catalog.machine(step.tx, run.journeyId, run.version);
      if (!machine) return;
      const input = { machine, journey, now: step.now };
      const plan = passDueWaits(input, advanceRun(input, run.snapshot, runUser(step.user), event), step.user.tags);
      if (plan.moved) await this.commit(step, journey, run, plan, false);
    } catch (error) {
      throw inJourney(run.journeyId, error);
    }
  }

  private async tryEnter(step: Step, journey: CatalogJourney, trigger: RunTrigger) {
    try {
      await this.enter(step, journey, trigger);
    } catch (error) {
      throw inJourney(journey.id, error);
    }
  }

  private async enter(step: Step, journey: CatalogJourney, trigger: RunTrigger) {
    const latest = step.started.get(journey.id) ?? (step.known ? await step.tx.latestRun(journey.id, step.user.id) : undefined);
    const verdict = entryVerdict(journey.document.settings, latest, step.now);
    if (!verdict.enter) return;
    const experiment = this.catalog.experimentOf(journey.id);
    const gate = experiment ? journeyExperimentEntry(experiment, journey.id, step.user) : { enter: true };
    if (gate.record && !gate.enter) await this.recordExperimentArm(step, gate.record, '');
    if (!gate.enter) return;
    const machine = await this.catalog.machine(step.tx, journey.id, journey.version);
    if (!machine) return;
    const input = { machine, journey, now: step.now };
    const plan = passDueWaits(input, startRun(input, runUser(step.user), trigger), step.user.tags);
    const run: RunRecord = {
      // Time-ordered (UUIDv7): runs made together sit together in every index keyed by run id (the runs table's
      // own, the outbox's, the wakeups'), so a batch writes a few B-tree pages instead of one per run.
      id: timeOrderedId(),
      journeyId: journey.id,
      version: journey.version,
      userId: step.user.id,
      status: 'active',
      node: plan.run.value,
      snapshot: storedRun(plan.run),
      wakeupId: null,
      enteredAt: step.now,
      updatedAt: step.now,
      endedAt: null,
    };
    await this.commit(step, journey, run, plan, true);
    if (gate.record) await this.recordExperimentArm(step, gate.record, run.id);
  }

  private async recordExperimentArm(step: Step, record: NonNullable<ExperimentEntry['record']>, runId: string) {
    const { user } = step;
    if (user.assignments[record.key] !== record.arm) {
      user.assignments = { ...user.assignments, [record.key]: record.arm };
      step.userDirty = true;
    }
    await step.tx.recordAssignment({ journeyId: record.key, node: JOURNEY_EXPERIMENT_NODE, userId: user.id, arm: record.arm, runId, at: step.now, goalJourney: record.goalJourney });
  }

  /** Writes one run's plan: snapshot, its single live wakeup, offers, stats, tags and timeline. */
  private async commit(step: Step, journey: CatalogJourney, run: RunRecord, plan: StepPlan, isNew: boolean) {
    const { tx, now, user } = step;
    // The run's previous wakeup, unless it is the one firing now (already deleted) or there is none.
    if (!isNew && run.wakeupId !== null && run.wakeupId !== step.firing) await tx.deleteRunWakeups(run.id);
    const next: RunRecord = {
      ...run,
      status: plan.status,
      node: plan.run.value,
      snapshot: storedRun(plan.run),
      wakeupId: null,
      updatedAt: now,
      endedAt: plan.status === 'active' ? null : now,
    };
    for (const wakeup of plan.wakeups) {
      next.wakeupId = await tx.insertRunWakeup({ runId: run.id, journeyId: run.journeyId, userId: user.id, node: wakeup.node, dueAt: wakeup.dueAt });
      this.onWakeupPlanned(wakeup.dueAt);
    }
    // One write per run and step: a new run is inserted already pointing at its wakeup.
    await (isNew ? tx.insertRun(next) : tx.updateRun(next));
    if (isNew) step.started.set(run.journeyId, next);

    if (plan.tagsAdded.length + plan.tagsRemoved.length > 0) {
      user.tags = applyTagChange(user.tags, plan.tagsAdded, plan.tagsRemoved);
      step.userDirty = true;
      step.tagsAdded.push(...plan.tagsAdded);
    }
    await tx.bumpStats(run.journeyId, run.version, plan.entered, plan.edges);
    for (const a of plan.assignments) {
      user.assignments = { ...user.assignments, [a.key]: a.arm };
      step.userDirty = true;
      await tx.recordAssignment({ journeyId: run.journeyId, node: a.node, userId: user.id, arm: a.arm, runId: run.id, at: now });
    }
    const email = typeof user.traits.email === 'string' ? user.traits.email : undefined;
    await tx.insertOutbox(
      plan.offers.map((o) => ({
        runId: run.id,
        journeyId: run.journeyId,
        journeyName: journey.name,
        userId: user.id,
        node: o.node,
        channel: o.channel,
        offer: o.offer,
        ...(o.url ? { url: o.url } : {}),
        ...(email ? { to: email } : {}),
        ...(o.subject ? { subject: o.subject } : {}),
        message: o.message ?? '',
        cost: o.cost,
        ...(o.renderError ? { deadReason: `template failed to render: ${o.renderError}` } : {}),
      })),
      now,
    );

    const base = { journeyId: run.journeyId, runId: run.id };
    if (isNew) step.timeline.push({ ...base, kind: 'enter', detail: { journey: journey.name, version: run.version, trigger: plan.run.context.trigger.name } });
    // One row per node entered, in order: an offer node's row is its offer, and the node the run ends on is
    // recorded by the exit row below; every other node gets a step row (the canvas traces the run from these).
    const offers = [...plan.offers];
    const endsOn = plan.status !== 'active' && plan.entered.at(-1) === plan.run.value ? plan.entered.length - 1 : -1;
    plan.entered.forEach((node, i) => {
      const at = offers.findIndex((o) => o.node === node);
      if (at >= 0) step.timeline.push(offerRow(base, offers.splice(at, 1)[0] as PlannedOffer));
      else if (i !== endsOn) step.timeline.push({ ...base, kind: 'step', node, detail: {} });
    });
    for (const o of offers) step.timeline.push(offerRow(base, o));
    if (plan.tagsAdded.length + plan.tagsRemoved.length > 0)
      step.timeline.push({ ...base, kind: 'tags', detail: { added: plan.tagsAdded, removed: plan.tagsRemoved, source: 'journey' } });
    if (plan.status !== 'active')
      step.timeline.push({ ...base, kind: 'exit', node: plan.run.value, detail: { outcome: plan.status, ...(plan.goalReachedBy ? { by: 'goal event' } : {}) } });
  }

  /** Starts `tagAdded` journeys for tags added in this step; their own tag nodes may cascade, bounded. */
  private async enterTagJourneys(step: Step) {
    for (let round = 0; round < 10 && step.tagsAdded.length > 0; round++) {
      const added = step.tagsAdded.splice(0);
      for (const journey of this.catalog.active()) {
        if (journey.entry?.mode === 'tag' && added.includes(journey.entry.tag))
          await this.tryEnter(step, journey, { name: 'waymark.tag_added', properties: { tag: journey.entry.tag } });
      }
    }
  }

  private async finish(step: Step) {
    if (step.userDirty) await step.tx.saveUser(step.user);
    await step.tx.appendTimeline({ userId: step.user.id, at: step.now, entries: step.timeline });
  }
}
