import { useRef } from 'react';
import { describeDuration, parseDuration } from '@waymark/shared';
import { ChoiceGroup, type Choice } from './ChoiceGroup.tsx';
import { DurationPicker } from './DurationPicker.tsx';
import { errorsUnder } from './fieldErrors.ts';
import { TextField } from './Field.tsx';
import { objectOf, textOf, withKey, type InspectorFormProps, type NodeData } from './formData.ts';
import { WhereEditor } from './WhereEditor.tsx';

type WaitMode = 'for' | 'until';

const CHOICES: readonly Choice<WaitMode>[] = [
  { value: 'for', label: 'For a while' },
  { value: 'until', label: 'Until an event' },
];

const readable = (duration: string) => (parseDuration(duration) !== undefined ? describeDuration(duration) : undefined);

/** A fixed delay, or an event with a deadline. Switching keeps the other mode's settings for coming back. */
export function WaitForm({ data, errors, onChange }: InspectorFormProps) {
  const mode: WaitMode = data.until !== undefined ? 'until' : 'for';
  const memory = useRef<Partial<Record<WaitMode, NodeData>>>({});

  const switchTo = (next: WaitMode) => {
    if (next === mode) return;
    memory.current[mode] = data;
    const remembered = memory.current[next];
    if (remembered) onChange(remembered);
    // The delay carries over as the deadline (and back), the likeliest intent when switching.
    else if (next === 'until') onChange({ until: { event: '' }, timeout: textOf(data.for) || '3d' });
    else onChange({ for: textOf(data.timeout) || '1d' });
  };

  if (mode === 'for') {
    const delay = textOf(data.for);
    const words = readable(delay);
    return (
      <>
        <ChoiceGroup legend="Wait" value={mode} choices={CHOICES} onChange={switchTo} variant="segments" />
        <DurationPicker
          label="Wait for"
          value={delay}
          error={errors.for}
          hint={words ? `Users wait ${words}, then move on to the next step.` : undefined}
          onChange={(next) => onChange({ ...data, for: next })}
        />
      </>
    );
  }

  const until = objectOf(data.until);
  const event = textOf(until.event);
  const timeout = textOf(data.timeout);
  const words = readable(timeout);
  return (
    <>
      <ChoiceGroup legend="Wait" value={mode} choices={CHOICES} onChange={switchTo} variant="segments" />
      <TextField
        label="Event name"
        mono
        placeholder="purchase"
        value={event}
        error={errors['until.event'] ?? errors.until}
        hint="Users who do it go down the Event exit straight away."
        onChange={(next) => onChange({ ...data, until: { ...until, event: next } })}
      />
      <WhereEditor
        subject="the event's properties"
        value={until.where}
        errors={errorsUnder(errors, 'until.where')}
        onChange={(where) => onChange({ ...data, until: withKey(until, 'where', where) })}
      />
      <DurationPicker
        label="Give up after"
        value={timeout}
        error={errors.timeout ?? errors.for}
        hint={words ? `Users who have not done ${event || 'it'} within ${words} go down the Timeout exit.` : undefined}
        onChange={(next) => onChange({ ...data, timeout: next })}
      />
    </>
  );
}
