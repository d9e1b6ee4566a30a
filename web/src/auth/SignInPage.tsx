import { useState, type FormEvent } from 'react';
import { ApiError, checkToken } from '../api/client.ts';
import { setToken, wasExpired } from '../api/session.ts';
import { Logo } from '../app/Logo.tsx';

function signInMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'That token was not accepted. Use the ADMIN_TOKEN the Waymark server was started with.';
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong while checking the token. Try again.';
}

/** Asks for the admin token once per tab and checks it against the API before keeping it. */
export function SignInPage() {
  const [token, setDraft] = useState('');
  const [error, setError] = useState<string | null>(() =>
    wasExpired() ? 'The server no longer accepts your token. Sign in again with the current admin token.' : null,
  );
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (!value) return setError('Paste the admin token to continue.');
    setChecking(true);
    setError(null);
    try {
      await checkToken(value);
      setToken(value);
    } catch (caught) {
      setError(signInMessage(caught));
      setChecking(false);
    }
  }

  return (
    <div className="signin">
      <form className="signin__card" onSubmit={submit} noValidate>
        <div className="signin__brand">
          <Logo size={36} />
          <span>Waymark</span>
        </div>
        <h1 className="signin__title">Sign in</h1>
        <p className="signin__lead">Draw customer journeys, publish them, and watch people move through them live.</p>
        <label className="field">
          <span className="field__label">Admin token</span>
          <input
            className={`input${error ? ' input--invalid' : ''}`}
            type="password"
            autoComplete="current-password"
            autoFocus
            value={token}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-error' : 'signin-hint'}
            placeholder="admin_…"
          />
          {error ? (
            <span id="signin-error" className="field__error" role="alert">
              {error}
            </span>
          ) : (
            <span id="signin-hint" className="field__hint">
              Kept for this tab only; closing it signs you out.
            </span>
          )}
        </label>
        <button type="submit" className="btn btn--primary btn--block" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
