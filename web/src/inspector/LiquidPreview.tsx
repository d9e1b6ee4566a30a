import { useId, useMemo, useState } from 'react';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { FieldError } from './Field.tsx';
import { textOf } from './formData.ts';
import { useSampleUser } from './sampleUserStore.ts';
import { previewScope, renderPreview, type SampleUser } from './templatePreview.ts';

export interface LiquidPreviewProps {
  template: string;
  channel: 'email' | 'webhook';
  offerCode: string;
  subject: string;
  url: string;
  /** Set when the message field already shows why the template cannot be read, so the preview does not repeat it. */
  templateError?: string;
}

const SAMPLE_FIELDS: ReadonlyArray<{ key: keyof SampleUser; label: string; placeholder: string }> = [
  { key: 'name', label: 'Name', placeholder: 'Ada' },
  { key: 'email', label: 'Email', placeholder: 'ada@example.com' },
  { key: 'plan', label: 'Plan', placeholder: 'pro' },
  { key: 'tags', label: 'Tags', placeholder: 'vip, beta' },
];

/** The offer's message rendered live for a sample user, exactly as the runtime will (HTML-escaped for email). */
export function LiquidPreview({ template, channel, offerCode, subject, url, templateError }: LiquidPreviewProps) {
  const [sample, update] = useSampleUser();
  const [editing, setEditing] = useState(false);
  const journeyId = useJourneyStore((s) => s.journeyId ?? '');
  const journeyName = useJourneyStore((s) => s.document?.name ?? '');
  const eventName = useJourneyStore((s) => textOf(s.document?.nodes.find((n) => n.type === 'trigger')?.data.event));
  const headingId = useId();
  const email = channel === 'email';

  const preview = useMemo(
    () => renderPreview(template, previewScope(sample, { offerCode, journey: { id: journeyId, name: journeyName }, eventName }), email),
    [template, sample, offerCode, journeyId, journeyName, eventName, email],
  );
  const who = sample.name.trim() || sample.id;

  return (
    <section className="preview" aria-labelledby={headingId}>
      <div className="preview__head">
        <h3 className="insp-section__title" id={headingId}>
          Preview
        </h3>
        <button type="button" className="preview__who" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          as {who}
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
            <path d={editing ? 'M2 6.5L5 3.5l3 3' : 'M2 3.5L5 6.5l3-3'} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      </div>

      {editing && (
        <div className="preview__sample" role="group" aria-label="Sample user">
          {SAMPLE_FIELDS.map(({ key, label, placeholder }) => (
            <label key={key} className="preview__sample-field">
              <span>{label}</span>
              <input
                className="input input--small"
                aria-label={`Sample user ${label.toLowerCase()}`}
                value={sample[key]}
                placeholder={placeholder}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => update({ [key]: e.target.value })}
              />
            </label>
          ))}
          <p className="field__hint">
            The message sees <code>traits.name</code>, <code>traits.email</code>, <code>traits.plan</code> and <code>tags</code>.
          </p>
        </div>
      )}

      <div className={`preview__message${preview.ok ? '' : ' is-invalid'}`} data-testid="offer-preview">
        <dl className="preview__meta">
          {email ? (
            <>
              <dt>To</dt>
              <dd>{sample.email.trim() || <span className="preview__missing">no email trait: this user would not get it</span>}</dd>
              <dt>Subject</dt>
              <dd>{subject.trim() || offerCode || <span className="preview__missing">none</span>}</dd>
            </>
          ) : (
            <>
              <dt>POST</dt>
              <dd className="preview__url">{url.trim() || <span className="preview__missing">no URL yet</span>}</dd>
              <dt>Offer</dt>
              <dd>{offerCode || <span className="preview__missing">no code yet</span>}</dd>
            </>
          )}
        </dl>
        {preview.ok ? (
          // Text, never markup: an email body is shown as the escaped HTML that is sent.
          <pre className="preview__body" aria-label="Rendered preview">
            {preview.text || <span className="preview__missing">The message is empty.</span>}
          </pre>
        ) : (
          <FieldError message={templateError ? 'Fix the message to see it here.' : `The message cannot be rendered: ${preview.problem}`} />
        )}
      </div>
      <p className="field__hint">
        {email ? 'The HTML body as sent: values from the user are escaped.' : 'Sent as the "message" of a signed JSON body, with the offer code and user id.'}
      </p>
    </section>
  );
}
