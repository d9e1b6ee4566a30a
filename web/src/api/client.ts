import { parseJourney, type JourneyDocument, type JourneyDocumentInput, type JourneyExperimentInput, type Violation } from '@waymark/shared';
import type {
  ApiErrorBody,
  JourneyExperimentDetail,
  JourneyExperimentSummary,
  UserOffer,
  ExperimentReport,
  JourneyDetail,
  JourneyStats,
  JourneyStatus,
  JourneySummary,
  SinkMessage,
  UserProfile,
} from '@waymark/shared';
import { clearToken, getToken } from './session.ts';

/** Every failed call: the HTTP status (0 when the server could not be reached), the server's stable code, its words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: ApiErrorBody,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The journey problems a 422 from publish carries. */
  get violations(): Violation[] {
    return this.body?.violations ?? [];
  }
}

interface RequestOptions {
  body?: unknown;
  /** Checks a token before it is stored (sign-in); a 401 then means "wrong token", not "signed out". */
  token?: string;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  const error = (value as { error?: unknown } | null)?.error as Partial<ApiErrorBody> | undefined;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.token ?? getToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Could not reach the Waymark server. Check that it is running, then try again.');
  }

  const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.ok) return payload as T;

  if (response.status === 401 && options.token === undefined) clearToken('expired');
  if (isErrorBody(payload)) throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error);
  throw new ApiError(response.status, 'http_error', `The server answered ${response.status} ${response.statusText}.`);
}

/** A draft that does not parse is a server bug; failing here keeps a broken document off the canvas. */
function parseDocument(raw: unknown, what: string): JourneyDocument {
  const parsed = parseJourney(raw);
  if (parsed.ok) return parsed.value;
  const first = parsed.problems[0];
  throw new ApiError(200, 'bad_response', `The ${what} could not be read (${first?.field || 'document'}: ${first?.message}).`);
}

const path = (id: string) => `/api/journeys/${encodeURIComponent(id)}`;

/** Throws an `ApiError` with status 401 when the token is wrong; stores nothing. */
export async function checkToken(token: string): Promise<void> {
  await request<unknown>('GET', '/api/journeys', { token });
}

export async function listJourneys(signal?: AbortSignal): Promise<JourneySummary[]> {
  return (await request<{ journeys: JourneySummary[] }>('GET', '/api/journeys', { signal })).journeys;
}

export function createJourney(document: JourneyDocumentInput): Promise<{ id: string; violations: Violation[] }> {
  return request('POST', '/api/journeys', { body: document });
}

export async function getJourney(id: string, signal?: AbortSignal): Promise<JourneyDetail> {
  const raw = await request<JourneyDetail>('GET', path(id), { signal });
  return {
    ...raw,
    draft: parseDocument(raw.draft, 'draft'),
    published: raw.published && { ...raw.published, document: parseDocument(raw.published.document, 'published version') },
  };
}

export function saveDraft(id: string, document: JourneyDocument): Promise<{ id: string; updatedAt: number; violations: Violation[] }> {
  return request('PUT', path(id), { body: document });
}

/** Rejects with an `ApiError` (status 422, `violations`) when the draft has problems. */
export function publishJourney(id: string): Promise<{ id: string; version: number; status: JourneyStatus }> {
  return request('POST', `${path(id)}/publish`);
}

export function pauseJourney(id: string): Promise<{ id: string; status: JourneyStatus }> {
  return request('POST', `${path(id)}/pause`);
}

export function resumeJourney(id: string): Promise<{ id: string; status: JourneyStatus }> {
  return request('POST', `${path(id)}/resume`);
}

/** Takes a journey off the list: nobody enters or moves while it is archived; its waits are held, not dropped. */
export function archiveJourney(id: string): Promise<{ id: string; status: JourneyStatus }> {
  return request('POST', `${path(id)}/archive`);
}

/** Brings an archived journey back: `paused` if it was ever published (resume it to run again), else `draft`. */
export function unarchiveJourney(id: string): Promise<{ id: string; status: JourneyStatus }> {
  return request('POST', `${path(id)}/unarchive`);
}

/** A new journey from another's draft, under `name`; the copy starts as an unpublished draft. */
export async function duplicateJourney(id: string, name: string): Promise<{ id: string; violations: Violation[] }> {
  const { draft } = await getJourney(id);
  return createJourney({ ...draft, name });
}

/** Renames a journey by saving its draft under the new name (the name lives in the document). */
export async function renameJourney(id: string, name: string): Promise<{ id: string; updatedAt: number; violations: Violation[] }> {
  const { draft } = await getJourney(id);
  return saveDraft(id, { ...draft, name });
}

export function getJourneyStats(id: string, signal?: AbortSignal): Promise<JourneyStats> {
  return request('GET', `${path(id)}/stats`, { signal });
}

/** The published split's arms, their analysis and the verdict; `node` is null when the published version has no split. */
export function getExperiment(id: string, signal?: AbortSignal): Promise<ExperimentReport> {
  return request('GET', `${path(id)}/experiment`, { signal });
}

/**
 * Publishes a version that sends every new entrant down `variant`; users already assigned finish where they are.
 * Rejects with an `ApiError` (409 `no_experiment`, 400 for a variant the split does not have).
 */
export function promoteVariant(id: string, variant: string): Promise<{ id: string; version: number; promoted: string }> {
  return request('POST', `${path(id)}/experiment/promote`, { body: { variant } });
}

/** Rejects with an `ApiError` (status 404) when no event has named this user yet. */
export function getUser(id: string, signal?: AbortSignal): Promise<UserProfile> {
  return request('GET', `/api/users/${encodeURIComponent(id)}`, { signal });
}

export async function listSinkMessages(signal?: AbortSignal): Promise<SinkMessage[]> {
  return (await request<{ messages: SinkMessage[] }>('GET', '/api/sink', { signal })).messages;
}

/** Journeys tested side by side, newest first. */
export async function listExperiments(signal?: AbortSignal): Promise<JourneyExperimentSummary[]> {
  return (await request<{ experiments: JourneyExperimentSummary[] }>('GET', '/api/experiments', { signal })).experiments;
}

/** Starts an experiment; rejects with an `ApiError` (400 naming the field, 422 `experiment_refused`, 404). */
export function createExperiment(input: JourneyExperimentInput): Promise<JourneyExperimentDetail> {
  return request('POST', '/api/experiments', { body: input });
}

export function getJourneyExperiment(id: string, signal?: AbortSignal): Promise<JourneyExperimentDetail> {
  return request('GET', `/api/experiments/${encodeURIComponent(id)}`, { signal });
}

/** Every new entrant goes to `variant`'s journey from now on; users already in a variant finish there. */
export function promoteJourneyExperiment(id: string, variant: string): Promise<JourneyExperimentDetail> {
  return request('POST', `/api/experiments/${encodeURIComponent(id)}/promote`, { body: { variant } });
}

/** Offers of one journey that failed too often and wait in the dead letter. */
export async function listDeadLetters(journeyId: string, signal?: AbortSignal): Promise<UserOffer[]> {
  const query = new URLSearchParams({ status: 'dead', journeyId, limit: '100' });
  return (await request<{ offers: UserOffer[] }>('GET', `/api/outbox?${query.toString()}`, { signal })).offers;
}

/** Sends a dead-lettered offer again (attempts start over); rejects with 404 when the offer is not in the dead letter. */
export function retryDelivery(id: number): Promise<{ id: number; status: 'pending' }> {
  return request('POST', `/api/outbox/${id}/retry`);
}
