import { compileJourney } from '@waymark/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { copyText } from './copyText.ts';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The xstate machine the current draft compiles to (the same `compileJourney` the server publishes with),
 * recompiled on every edit, for reading or pasting into Stately's visualiser.
 */
export function StatechartPanel() {
  const document = useJourneyStore((s) => s.document);
  const machine = useMemo(() => (document ? compileJourney(document) : null), [document]);
  const json = useMemo(() => (machine ? JSON.stringify(machine, null, 2) : ''), [machine]);
  const invalid = machine ? Object.values(machine.states).filter((state) => state.meta?.invalid === true).length : 0;
  const [copy, setCopy] = useState<CopyState>('idle');
  const code = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (copy === 'idle') return;
    const timer = setTimeout(() => setCopy('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [copy]);

  async function onCopy() {
    const ok = await copyText(json);
    setCopy(ok ? 'copied' : 'failed');
    // Nothing could reach the clipboard: select the JSON so Ctrl+C (or ⌘C) copies it.
    if (!ok && code.current) window.getSelection()?.selectAllChildren(code.current);
  }

  if (!machine) return null;
  const lines = json.split('\n').length;

  return (
    <div className="statechart">
      <div className="statechart__head">
        <p className="statechart__lead">
          The statechart this draft compiles to. It updates as you edit.
        </p>
        <button type="button" className="btn btn--secondary btn--small" onClick={onCopy} aria-describedby="statechart-copy-state">
          <CopyIcon />
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span id="statechart-copy-state" className={copy === 'failed' ? 'statechart__copy-failed' : 'visually-hidden'} role="status">
        {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'failed' ? 'Could not reach the clipboard: the JSON is selected, press Ctrl+C to copy it.' : ''}
      </span>
      {invalid > 0 && (
        <p className="panel-note statechart__note">
          {invalid === 1 ? 'One step is not set up yet, so it ends the run' : `${invalid} steps are not set up yet, so they end the run`}{' '}
          (marked <code>meta.invalid</code>). Fix the problems to see the real states.
        </p>
      )}
      <pre ref={code} className="statechart__code" tabIndex={0} aria-label="Compiled statechart JSON" data-testid="statechart-json">
        {json}
      </pre>
      <p className="field__hint statechart__hint">
        {lines.toLocaleString('en')} lines. To explore it, paste it into <code>createMachine(&lt;json&gt;)</code> in Stately's visualiser (stately.ai/viz).
      </p>
    </div>
  );
}

function CopyIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <rect x="4.5" y="4.5" width="7.5" height="7.5" rx="1.5" />
      <path d="M9.5 2.5V2a1 1 0 00-1-1H3a1 1 0 00-1 1v5.5a1 1 0 001 1h.5" />
    </svg>
  );
}
