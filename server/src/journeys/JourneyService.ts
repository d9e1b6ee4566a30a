import { randomBytes } from 'node:crypto';
import {
  compileJourney,
  parseJourney,
  validateJourney,
  type JourneyDetail,
  type JourneyDocument,
  type JourneyStats,
  type JourneySummary,
  type Violation,
} from '@waymark/shared';
import { HttpError, invalidInput } from '../http/HttpError.ts';
import type { JourneyCatalog } from '../runtime/JourneyCatalog.ts';
import type { JourneyRecord, Store } from '../store/storeTypes.ts';
import { journeyEntry } from '../runtime/triggerMatch.ts';
import { splitChangeProblems } from '../experiments/splitOf.ts';
import { webhookUrlProblem } from '../delivery/webhookAddress.ts';

const newJourneyId = () => `j_${randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** Journey drafts, validation, publishing and live numbers: the management API's logic, free of HTTP. */
export class JourneyService {
  constructor(
    private readonly store: Store,
    private readonly catalog: JourneyCatalog,
    /** `ownInboxPort`: the port this server listens on, whose demo inbox webhooks may reach (once it listens). */
    private readonly options: { allowPrivateWebhooks?: boolean; ownInboxPort?: () => number | undefined } = {},
    private readonly now: () => number = Date.now,
  ) {}

  private parse(body: unknown): JourneyDocument {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
      throw new HttpError(400, 'invalid_input', 'body: expected a journey document (a JSON object with name, nodes and edges)');
    const parsed = parseJourney(body);
    if (!parsed.ok) throw invalidInput(parsed.problems.map((p) => ({ ...p, field: p.field ? `body.${p.field}` : 'body' })));
    return parsed.value;
  }

  private async record(id: string): Promise<JourneyRecord> {
    const journey = await this.store.getJourney(id);
    if (!journey) throw new HttpError(404, 'not_found', `id: no journey "${id}"`);
    return journey;
  }

  async list(): Promise<JourneySummary[]> {
    const journeys = await this.store.listJourneys();
    return Promise.all(
      journeys.map(async (j) => {
        const totals = await this.store.journeyTotals(j.id);
        return {
          id: j.id,
          name: j.name,
          status: j.status,
          publishedVersion: j.publishedVersion,
          updatedAt: j.updatedAt,
          entered: totals.entered,
          active: totals.active,
          converted: totals.converted,
          conversionRate: rate(totals.converted, totals.entered),
          ...this.experimentMembership(j.id),
        };
      }),
    );
  }

  /** The running journey experiment this journey is a variant of, if any. */
  private experimentMembership(journeyId: string): Pick<JourneySummary, 'experiment'> {
    const x = this.catalog.experimentOf(journeyId);
    const variant = x?.config.variants.find((v) => v.journeyId === journeyId);
    return x?.status === 'running' && variant ? { experiment: { id: x.id, name: x.name, variant: variant.id } } : {};
  }

  async create(body: unknown): Promise<{ id: string; violations: Violation[] }> {
    const doc = this.parse(body);
    const journey = await this.store.createJourney(newJourneyId(), doc, this.now());
    return { id: journey.id, violations: validateJourney(doc) };
  }

  async get(id: string): Promise<JourneyDetail> {
    const j = await this.record(id);
    const published = j.publishedVersion ? await this.store.getVersion(j.id, j.publishedVersion) : undefined;
    return {
      id: j.id,
      name: j.name,
      status: j.status,
      publishedVersion: j.publishedVersion,
      createdAt: j.createdAt,
      updatedAt: j.updatedAt,
      draft: j.draft,
      violations: validateJourney(j.draft),
      published: published ? { version: published.version, publishedAt: published.publishedAt, document: published.document, machine: published.machine } : null,
    };
  }

  async update(id: string, body: unknown) {
    const doc = this.parse(body);
    const journey = await this.store.updateDraft(id, doc, this.now());
    if (!journey) throw new HttpError(404, 'not_found', `id: no journey "${id}"`);
    return { id, updatedAt: journey.updatedAt, violations: validateJourney(doc) };
  }

  async validate(id: string, body: unknown) {
    const hasBody = body !== undefined && body !== null && typeof body === 'object' && Object.keys(body).length > 0;
    const doc = hasBody ? this.parse(body) : (await this.record(id)).draft;
    const violations = validateJourney(doc);
    return { valid: violations.length === 0, violations };
  }

  /** `allowPromotion`: a promotion may move the weights however it likes (recorded arms stay sticky). */
  async publish(id: string, options: { allowPromotion?: boolean } = {}) {
    const journey = await this.record(id);
    if (journey.status === 'archived') throw new HttpError(409, 'archived', `id: journey "${id}" is archived; unarchive it before publishing`);
    const violations = validateJourney(journey.draft);
    if (violations.length > 0)
      throw new HttpError(422, 'journey_invalid', `draft: ${violations.length} problem(s) to fix before publishing: ${violations[0]?.message}`, {
        violations,
      });
    const refusedUrls = journey.draft.nodes.flatMap((node, index) => {
      const url = node.type === 'offer' && node.data.channel === 'webhook' && typeof node.data.url === 'string' ? node.data.url : undefined;
      const problem = url === undefined ? undefined : webhookUrlProblem(url, this.options.allowPrivateWebhooks ?? false, this.options.ownInboxPort?.());
      return problem ? [{ field: `draft.nodes.${index}.data.url`, message: problem, node: node.id }] : [];
    });
    if (refusedUrls.length > 0)
      throw new HttpError(422, 'webhook_refused', `${refusedUrls[0]!.field}: ${refusedUrls[0]!.message}`, { problems: refusedUrls });
    if (!options.allowPromotion && journey.publishedVersion !== null) {
      const live = await this.store.getVersion(id, journey.publishedVersion);
      const problems = splitChangeProblems(live?.document, journey.draft);
      if (problems.length > 0)
        throw new HttpError(422, 'split_change_refused', `draft: this change to a running split would move users already assigned: ${problems[0]}`, {
          problems: problems.map((message) => ({ field: 'draft.split', message })),
        });
    }
    const machine = compileJourney(journey.draft);
    const now = this.now();
    const version = await this.store.publishJourney(id, journey.draft, machine, now);
    const entry = journeyEntry(journey.draft);
    // Users already silent for long enough enter straight away; the rest are armed from when they were last seen.
    if (entry?.inactiveForMs !== undefined) await this.store.armInactivityForAll(id, entry.inactiveForMs, now);
    await this.catalog.changed();
    return { id, version, status: 'active' as const };
  }

  async setRunning(id: string, running: boolean) {
    const journey = await this.record(id);
    if (journey.status === 'archived')
      throw new HttpError(409, 'archived', `id: journey "${id}" is archived; unarchive it before ${running ? 'resuming' : 'pausing'} it`);
    if (journey.publishedVersion === null)
      throw new HttpError(409, 'not_published', `id: journey "${id}" has never been published, so it cannot be ${running ? 'resumed' : 'paused'}`);
    const status = running ? 'active' : 'paused';
    await this.store.setJourneyStatus(id, status, this.now());
    await this.catalog.changed();
    return { id, status };
  }

  /**
   * Archiving takes a journey off the live list: nobody enters and nobody moves, and its waits are held (not
   * dropped), so unarchiving brings it back paused, exactly where everyone was.
   */
  async setArchived(id: string, archived: boolean) {
    const journey = await this.record(id);
    const status = archived ? 'archived' : journey.publishedVersion === null ? 'draft' : 'paused';
    if (!archived && journey.status !== 'archived') throw new HttpError(409, 'not_archived', `id: journey "${id}" is not archived`);
    await this.store.setJourneyStatus(id, status, this.now());
    await this.catalog.changed();
    return { id, status };
  }

  async stats(id: string): Promise<JourneyStats> {
    const journey = await this.record(id);
    const [raw, totals] = await Promise.all([this.store.nodeStats(id), this.store.journeyTotals(id)]);
    const entered = new Map(raw.nodes.map((n) => [n.node, n.entered]));
    const waiting = new Map(raw.waiting.map((n) => [n.node, n.entered]));
    const nodeIds = new Set([...journey.draft.nodes.map((n) => n.id), ...entered.keys()]);
    const nodes = Object.fromEntries(
      [...nodeIds].map((node) => {
        const e = entered.get(node) ?? 0;
        const w = waiting.get(node) ?? 0;
        return [node, { entered: e, waiting: w, passed: e - w }];
      }),
    );
    return {
      id,
      publishedVersion: journey.publishedVersion,
      status: journey.status,
      nodes,
      edges: Object.fromEntries(raw.edges.map((e) => [e.edge, e.taken])),
      totals: { ...totals, conversionRate: rate(totals.converted, totals.entered) },
    };
  }
}
