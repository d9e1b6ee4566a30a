export const TEST_WRITE_KEY = 'wk_test_key_123';
export const TEST_ADMIN_TOKEN = 'admin_test_token_123';

export interface TestClient {
  /** The management API with the admin token. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  /** Segment-style ingestion with the write key. */
  ingest(path: '/v1/track' | '/v1/identify' | '/v1/batch', body: unknown): Promise<{ status: number; body: any }>;
}

/** Real HTTP calls to a Waymark under test; bodies are parsed as JSON when they are JSON. Test support only. */
export function testClient(url: string): TestClient {
  const call = async (path: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  };
  return {
    api: (path, init) => call(path, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, init),
    ingest: (path, body) => call(path, { authorization: `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}` }, { body }),
  };
}
