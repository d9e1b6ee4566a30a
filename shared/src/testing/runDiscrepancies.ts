import { END_STATE } from '../compile/machineJson.ts';
import { matchConditions } from '../conditions/matchConditions.ts';
import { parseDuration } from '../duration/duration.ts';
import { experimentKey } from '../engine/journeyMachine.ts';
import type { RunUser } from '../engine/runTypes.ts';
import type { SimulationResult } from '../engine/simulateJourney.ts';
import type { JourneyDocument, JourneyNode } from '../journey/journeySchema.ts';
import type { BranchData } from '../nodes/branchNode.ts';
import type { GoalData } from '../nodes/goalNode.ts';
import { nodeKindOf } from '../nodes/nodeRegistry.ts';
import type { TagData } from '../nodes/tagNode.ts';
import type { WaitData } from '../nodes/waitNode.ts';

/*
 * A reference model of what a valid journey means, written from the drawing rather than from the compiled
 * machine: it replays a simulation step by step and lists every place where the run did something the drawing
 * does not say. Test support only; `journeyProperties.test.ts` expects the list to be empty.
 */

type Event = { name: string; properties?: Record<string, unknown> };

/** Lists what the run did that the drawing does not say; empty when the two agree. */
export function runDiscrepancies(
  doc: JourneyDocument,
  user: RunUser,
  script: ReadonlyArray<{ at: number; event?: Event }>,
  result: SimulationResult,
  simulationJourneyId = 'simulation',
): string[] {
  const problems: string[] = [];
  const nodes = new Map<string, JourneyNode>(doc.nodes.map((n) => [n.id, n]));
  const edges = new Map(doc.edges.map((e) => [e.id, e]));
  const data = <T>(node: JourneyNode) => nodeKindOf(node.type).dataSchema.parse(node.data) as T;
  const goals = doc.nodes.filter((n) => n.type === 'goal').map((n) => ({ id: n.id, ...data<GoalData>(n) }));
  const attributionMs = parseDuration(doc.settings.attributionWindow ?? '7d') ?? 0;
  // The simulation takes scripted events in time order (stable), so its n-th event step is the n-th of these.
  const events = [...script].sort((a, b) => a.at - b.at).flatMap((s) => (s.event ? [s.event] : []));
  let eventSteps = 0;

  let tags = [...user.tags];
  const assignments: Record<string, string> = { ...user.assignments };
  const enteredAt = new Map<string, number>();
  let resting: string | undefined;

  for (const [index, step] of result.steps.entries()) {
    const { plan, at, cause } = step;
    const label = `step ${index} (${cause.kind}${cause.kind === 'event' ? ` ${cause.name}` : cause.kind === 'wakeup' ? ` ${cause.node}` : ''} at ${at})`;
    const event = cause.kind === 'event' ? events[eventSteps++] : undefined;
    if (cause.kind === 'event' && event?.name !== cause.name) problems.push(`step ${index}: expected the scripted event ${event?.name}, got ${cause.name}`);
    for (const a of plan.assignments) assignments[a.key] = a.arm;
    const restingNode = resting === undefined ? undefined : nodes.get(resting);
    const restingWait = restingNode?.type === 'wait' ? data<WaitData>(restingNode) : undefined;
    const waitTakes = (e: Event | undefined) =>
      e !== undefined && restingWait?.until !== undefined && restingWait.until.event === e.name && matchConditions(e.properties ?? {}, restingWait.until.where);
    const goalFor = (e: Event | undefined) => (e === undefined ? undefined : goals.find((g) => g.event === e.name && matchConditions(e.properties ?? {}, g.where)));

    if (plan.goalReachedBy !== undefined) {
      // Exit criteria: only the goal's own event converts from where the run rests, and the wait's own transition
      // for that same event comes first.
      const goal = goals.find((g) => g.id === plan.goalReachedBy);
      if (!goal || !event || goal.event !== event.name || !matchConditions(event.properties ?? {}, goal.where))
        problems.push(`${label}: converted by goal ${plan.goalReachedBy} on an event that is not its event`);
      if (waitTakes(event)) problems.push(`${label}: the goal event took the run from wait ${resting}, whose own "event" exit should come first`);
      if (plan.status !== 'converted') problems.push(`${label}: goal reached but the run is ${plan.status}`);
      resting = plan.run.value;
      continue;
    }
    if (cause.kind === 'event' && goalFor(event) && !waitTakes(event) && plan.status === 'active')
      problems.push(`${label}: the goal event ${cause.name} arrived while the run was active and did not convert it`);

    const path = index === 0 ? [...plan.entered] : [resting as string, ...plan.entered];
    if (index === 0 && path[0] !== doc.nodes.find((n) => n.type === 'trigger')?.id) problems.push(`${label}: the run did not start at the trigger`);
    if (plan.edges.length !== Math.max(0, path.length - 1)) problems.push(`${label}: ${plan.edges.length} edges for path ${path.join(' → ')}`);
    if (index > 0 && plan.entered.length === 0 && plan.run.value !== resting && plan.run.value !== END_STATE)
      problems.push(`${label}: moved from ${resting} to ${plan.run.value} without entering it`);
    if (index > 0 && plan.entered.length > 0 && cause.kind === 'event' && !waitTakes(event))
      problems.push(`${label}: an event that is neither the resting wait's nor a goal's moved the run from ${resting}`);

    const enter = (id: string) => {
      enteredAt.set(id, at);
      const node = nodes.get(id);
      if (node?.type === 'tag') {
        const change = data<TagData>(node);
        tags = [...tags, ...(change.add ?? []).filter((t, i, all) => !tags.includes(t) && all.indexOf(t) === i)].filter((t) => !(change.remove ?? []).includes(t));
      }
    };
    if (index === 0 && path[0] !== undefined) enter(path[0]);
    for (const [k, edgeId] of plan.edges.entries()) {
      const edge = edges.get(edgeId);
      const from = nodes.get(path[k] as string);
      const to = path[k + 1] as string;
      if (!edge || !from || edge.source !== from.id || edge.target !== to) {
        problems.push(`${label}: edge ${edgeId} does not lead from ${path[k]} to ${to}`);
        break;
      }
      const handle = edge.sourceHandle;
      const expected = expectedHandle(from, k === 0 && index > 0);
      if (expected !== undefined && handle !== expected) problems.push(`${label}: left ${from.id} by "${handle}", the drawing says "${expected}"`);
      enter(to);
    }
    if (plan.run.value === END_STATE) {
      const fromSplit = resting !== undefined && nodes.get(resting)?.type === 'split' && cause.kind === 'wakeup' && cause.node === resting;
      if (!fromSplit || at !== (enteredAt.get(resting as string) ?? 0) + attributionMs) problems.push(`${label}: ended in ${END_STATE} other than by a held-out split's wakeup`);
    }

    const offerNodes = plan.entered.filter((id) => nodes.get(id)?.type === 'offer');
    if (plan.offers.map((o) => o.node).join() !== offerNodes.join()) problems.push(`${label}: offers from ${plan.offers.map((o) => o.node)} but entered offers ${offerNodes}`);
    for (const offer of plan.offers) if (offer.renderError) problems.push(`${label}: a valid template failed to render: ${offer.renderError}`);
    if ([...plan.run.context.user.tags].sort().join() !== [...tags].sort().join()) problems.push(`${label}: tags ${plan.run.context.user.tags} but the drawing gives ${tags}`);
    resting = plan.run.value;

    /** The handle the drawing says `node` is left by now; `atStepStart`: the run was resting there. */
    function expectedHandle(node: JourneyNode, atStepStart: boolean): string | undefined {
      switch (node.type) {
        case 'trigger':
        case 'offer':
        case 'tag':
          return 'next';
        case 'branch':
          return tags.includes(data<BranchData>(node).tag) ? 'yes' : 'no';
        case 'split':
          return assignments[experimentKey(simulationJourneyId, node.id)];
        case 'wait': {
          const wait = data<WaitData>(node);
          const due = (enteredAt.get(node.id) ?? 0) + (parseDuration((wait.until ? wait.timeout : wait.for) ?? '') ?? 0);
          if (!atStepStart) {
            problems.push(`${label}: passed through wait ${node.id} without waiting`);
            return undefined;
          }
          const woken = cause.kind === 'wakeup' && cause.node === node.id;
          if (woken && at !== due) problems.push(`${label}: wait ${node.id} woke at ${at}, due at ${due}`);
          if (woken) return wait.until ? 'timeout' : 'next';
          if (!waitTakes(event)) problems.push(`${label}: left wait ${node.id} on something other than its event or its timer`);
          if (at >= due) problems.push(`${label}: took the "event" exit of ${node.id} at ${at}, at or after its deadline ${due}`);
          return 'event';
        }
        default:
          problems.push(`${label}: left ${node.type} ${node.id}, which has no exits`);
          return undefined;
      }
    }
  }

  const last = result.steps.at(-1)?.plan;
  const finalNode = last ? nodes.get(last.run.value) : undefined;
  if (result.status === 'converted' && finalNode?.type !== 'goal') problems.push(`converted but resting at ${result.state}`);
  if (result.status === 'exited' && finalNode?.type !== 'exit' && result.state !== END_STATE) problems.push(`exited but resting at ${result.state}`);
  if (result.status === 'active') {
    if (finalNode?.type !== 'wait' && finalNode?.type !== 'split') problems.push(`active but resting at ${result.state}, which is not a wait`);
    if (!result.pending.some((w) => w.node === result.state)) problems.push(`active at ${result.state} with nothing scheduled to move it (stopped: ${result.stoppedBy})`);
  }
  return problems;
}
