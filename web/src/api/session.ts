/**
 * The admin token for this browser tab. sessionStorage (not localStorage) so closing the tab signs out, and a
 * tiny subscription so the app re-renders when a 401 anywhere signs the user out.
 */
const KEY = 'waymark.adminToken';
const listeners = new Set<() => void>();
let expired = false;

function storage(): Storage | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
}

export function getToken(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

export function setToken(token: string): void {
  expired = false;
  storage()?.setItem(KEY, token);
  listeners.forEach((notify) => notify());
}

/** `expired` when the server refused the stored token (it changed, or the server restarted with another). */
export function clearToken(reason: 'signed-out' | 'expired' = 'signed-out'): void {
  expired = reason === 'expired';
  storage()?.removeItem(KEY);
  listeners.forEach((notify) => notify());
}

/** Whether the last sign-out was the server refusing the token (so the sign-in screen can say why). */
export function wasExpired(): boolean {
  return expired;
}

/** For `useSyncExternalStore`. */
export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
