import { templateProblem } from '@waymark/shared';
import { useMemo, useRef } from 'react';
import { ChoiceGroup, type Choice } from './ChoiceGroup.tsx';
import { Field, TextField } from './Field.tsx';
import { textOf, withKey, without, type InspectorFormProps, type NodeData } from './formData.ts';
import { LiquidPreview } from './LiquidPreview.tsx';
import { MoneyInput } from './MoneyInput.tsx';

type Channel = 'email' | 'webhook';

const CHANNELS: readonly Choice<Channel>[] = [
  { value: 'email', label: 'Email' },
  { value: 'webhook', label: 'Webhook' },
];

/** Liquid a marketer reaches for most; a click puts it at the cursor. */
const SNIPPETS = ['{{ traits.name | default: "there" }}', '{{ offer.code }}', '{{ traits.plan }}', '{{ event.name }}'];

/** The offer: its code, how it is sent (email with a subject, or a webhook URL), the Liquid message and its cost. */
export function OfferForm({ data, errors, onChange }: InspectorFormProps) {
  const channel: Channel | undefined = data.channel === 'email' || data.channel === 'webhook' ? data.channel : undefined;
  const template = textOf(data.template);
  // The journey check for the template runs only once the rest of the offer parses; the form checks it always.
  const parseProblem = useMemo(() => templateProblem(template), [template]);
  const templateError = errors.template ?? (parseProblem && `The message cannot be read: ${parseProblem}`);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // The other channel's address, kept for switching back (the hidden field leaves the data while unused).
  const parked = useRef<NodeData>({});

  const switchChannel = (next: Channel) => {
    const [leaving, coming] = next === 'email' ? ['url', 'subject'] : ['subject', 'url'];
    if (data[leaving] !== undefined) parked.current[leaving] = data[leaving];
    onChange({ ...without(data, leaving), channel: next, ...(parked.current[coming] !== undefined ? { [coming]: parked.current[coming] } : {}) });
  };

  const insert = (snippet: string) => {
    const el = textarea.current;
    const [start, end] = el ? [el.selectionStart, el.selectionEnd] : [template.length, template.length];
    onChange({ ...data, template: template.slice(0, start) + snippet + template.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  return (
    <>
      <TextField
        label="Offer code"
        mono
        placeholder="WINBACK20"
        value={textOf(data.offer)}
        error={errors.offer}
        hint="The coupon or credit this step gives; the message can show it as {{ offer.code }}."
        onChange={(offer) => onChange({ ...data, offer })}
      />
      <ChoiceGroup legend="Send by" value={channel} choices={CHANNELS} onChange={switchChannel} variant="segments" />
      {errors.channel && !channel && <p className="field__error">{errors.channel}</p>}

      {channel === 'webhook' && (
        <TextField
          label="Webhook URL"
          type="url"
          mono
          placeholder="https://example.com/hooks/offers"
          value={textOf(data.url)}
          error={errors.url}
          hint="Receives a signed JSON POST for every send."
          onChange={(url) => onChange(withKey(data, 'url', url === '' ? undefined : url))}
        />
      )}
      {channel === 'email' && (
        <TextField
          label="Subject"
          placeholder="A gift for you"
          value={textOf(data.subject)}
          error={errors.subject}
          hint="Sent to the user's email trait. Empty sends the offer code as the subject."
          onChange={(subject) => onChange(withKey(data, 'subject', subject === '' ? undefined : subject))}
        />
      )}

      <Field label="Message" error={templateError} hint="Liquid: values in {{ }} come from the user, the trigger event and the offer.">
        {(control) => (
          <>
            <textarea
              {...control}
              ref={textarea}
              className={`input textarea input--mono${templateError ? ' input--invalid' : ''}`}
              rows={5}
              spellCheck={false}
              value={template}
              onChange={(e) => onChange({ ...data, template: e.target.value })}
            />
            <div className="snippets" role="group" aria-label="Insert a value">
              {SNIPPETS.map((snippet) => (
                <button key={snippet} type="button" className="snippet" title={`Insert ${snippet}`} onClick={() => insert(snippet)}>
                  {snippet.replace(/^\{\{ | \| default.*| \}\}$/g, '')}
                </button>
              ))}
            </div>
          </>
        )}
      </Field>

      <MoneyInput label="Cost per send" value={data.cost} error={errors.cost} onChange={(cost) => onChange(withKey(data, 'cost', cost))} />

      {channel && (
        <LiquidPreview template={template} channel={channel} offerCode={textOf(data.offer).trim()} subject={textOf(data.subject)} url={textOf(data.url)} templateError={templateError} />
      )}
    </>
  );
}
