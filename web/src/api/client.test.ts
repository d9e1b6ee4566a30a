import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, checkToken, listJourneys, publishJourney } from './client.ts';
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
});
