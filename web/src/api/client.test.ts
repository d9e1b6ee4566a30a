import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  archiveJourney,
  checkToken,
  duplicateJourney,
  getExperiment,
  listJourneys,
  promoteVariant,
  publishJourney,
  renameJourney,
  unarchiveJourney,
} from './client.ts';
import { getToken, setToken, wasExpired } from './session.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('api client', () => {
  beforeEach(() => {
    vi.stubGlobal('sessionStorage', memoryStorage());
    setToken('admin_dev');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the admin token as a bearer token', async () => {
    const fetch = vi.fn(async () => json(200, { journeys: [] }));
    vi.stubGlobal('fetch', fetch);
    await listJourneys();
    expect(fetch).toHaveBeenCalledWith('/api/journeys', expect.objectContaining({ headers: expect.objectContaining({ authorization: 'Bearer admin_dev' }) }));
  });

  it('throws the server error code and message, with the violations of a refused publish', async () => {
    const violations = [{ code: 'no-trigger', message: 'Add a trigger.' }];
    vi.stubGlobal('fetch', async () => json(422, { error: { code: 'journey_invalid', message: 'draft: 1 problem(s)', violations } }));
    const error = await publishJourney('j1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'journey_invalid', message: 'draft: 1 problem(s)' });
    expect((error as ApiError).violations).toEqual(violations);
  });

  it('signs the user out when the server refuses the stored token', async () => {
    vi.stubGlobal('fetch', async () => json(401, { error: { code: 'unauthorized', message: 'authorization: the admin token is not valid' } }));
    await expect(listJourneys()).rejects.toMatchObject({ status: 401 });
    expect(getToken()).toBeNull();
    expect(wasExpired()).toBe(true);
  });

  it('keeps the session when a token being tried at sign-in is wrong', async () => {
    vi.stubGlobal('fetch', async () => json(401, { error: { code: 'unauthorized', message: 'no' } }));
    await expect(checkToken('wrong')).rejects.toMatchObject({ status: 401 });
    expect(getToken()).toBe('admin_dev');
  });

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(listJourneys()).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  describe('journey list actions', () => {
    const draft = {
      schemaVersion: 1,
      name: 'Win back',
      settings: { reentry: 'never' },
      nodes: [{ id: 't1', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'signed_up' } }],
      edges: [],
    };
    const detail = { id: 'j1', name: 'Win back', status: 'active', publishedVersion: 2, createdAt: 1, updatedAt: 2, draft, violations: [], published: null };

    /** Answers each call in turn and records what was asked. */
    function serverAnswering(...answers: Response[]) {
      const calls: Array<{ url: string; method: string; body: unknown }> = [];
      vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
        calls.push({ url, method: String(init.method), body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
        const next = answers.shift();
        if (!next) throw new Error(`unexpected call ${init.method} ${url}`);
        return next;
      });
      return calls;
    }

    it('archives and unarchives through their endpoints', async () => {
      const calls = serverAnswering(json(200, { id: 'j1', status: 'archived' }), json(200, { id: 'j1', status: 'paused' }));
      expect(await archiveJourney('j1')).toEqual({ id: 'j1', status: 'archived' });
      expect(await unarchiveJourney('j1')).toEqual({ id: 'j1', status: 'paused' });
      expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/journeys/j1/archive', 'POST /api/journeys/j1/unarchive']);
    });

    it('duplicates the draft, not the published version, under the new name', async () => {
      const calls = serverAnswering(json(200, detail), json(201, { id: 'j2', violations: [] }));
      expect(await duplicateJourney('j1', 'Copy of Win back')).toEqual({ id: 'j2', violations: [] });
      expect(calls[0]).toMatchObject({ method: 'GET', url: '/api/journeys/j1' });
      expect(calls[1]).toMatchObject({ method: 'POST', url: '/api/journeys', body: { ...draft, name: 'Copy of Win back' } });
    });

    it('renames by saving the fetched draft with the new name', async () => {
      const calls = serverAnswering(json(200, detail), json(200, { id: 'j1', updatedAt: 3, violations: [] }));
      await renameJourney('j1', 'Win back lapsed buyers');
      expect(calls[1]).toMatchObject({ method: 'PUT', url: '/api/journeys/j1', body: { ...draft, name: 'Win back lapsed buyers' } });
    });

    it('refuses to archive a journey the server does not know', async () => {
      serverAnswering(json(404, { error: { code: 'not_found', message: 'id: no journey "nope"' } }));
      await expect(archiveJourney('nope')).rejects.toMatchObject({ status: 404, code: 'not_found' });
    });
  });

  describe('experiments', () => {
    it('reads the experiment report of a journey', async () => {
      const report = { journeyId: 'j 1', node: 'sp1', status: 'running', arms: [] };
      const fetch = vi.fn(async () => json(200, report));
      vi.stubGlobal('fetch', fetch);
      expect(await getExperiment('j 1')).toEqual(report);
      expect(fetch).toHaveBeenCalledWith('/api/journeys/j%201/experiment', expect.objectContaining({ method: 'GET' }));
    });

    it('promotes a variant by posting its id', async () => {
      const fetch = vi.fn(async (_url: string, _init: RequestInit) => json(200, { id: 'j1', version: 3, promoted: 'B' }));
      vi.stubGlobal('fetch', fetch);
      expect(await promoteVariant('j1', 'B')).toEqual({ id: 'j1', version: 3, promoted: 'B' });
      const [url, init] = fetch.mock.calls[0]!;
      expect(url).toBe('/api/journeys/j1/experiment/promote');
      expect(init).toMatchObject({ method: 'POST', body: JSON.stringify({ variant: 'B' }) });
    });

    it('passes on the server refusing to promote when there is no experiment', async () => {
      vi.stubGlobal('fetch', async () => json(409, { error: { code: 'no_experiment', message: 'id: journey "j1" has no published split to promote from' } }));
      await expect(promoteVariant('j1', 'B')).rejects.toMatchObject({ status: 409, code: 'no_experiment' });
    });
  });
});
