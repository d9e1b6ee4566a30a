import { useRef } from 'react';
import { describeDuration, parseDuration } from '@waymark/shared';
import { ChoiceGroup, type Choice } from './ChoiceGroup.tsx';
import { DurationPicker } from './DurationPicker.tsx';
import { TextField } from './Field.tsx';
import { textOf, withKey, type InspectorFormProps, type NodeData } from './formData.ts';
import { EventMatchFields } from './EventMatchFields.tsx';

type EntryMode = 'event' | 'quiet' | 'tag';

const CHOICES: readonly Choice<EntryMode>[] = [
  { value: 'event', label: 'When an event happens', hint: 'Such as a sign-up or a first purchase.' },
  { value: 'quiet', label: 'When a user goes quiet', hint: 'No events for a while: win back the silent.' },
  { value: 'tag', label: 'When a tag is added', hint: 'Another journey, or your app, tags the user.' },
];

/** The same precedence as the shared `triggerMode`: silence first, then a tag, else an event. */
export function entryMode(data: NodeData): EntryMode {
  if (data.inactiveFor !== undefined) return 'quiet';
  if (data.tagAdded !== undefined) return 'tag';
  return 'event';
}

/** How users enter: one of three modes, each with its own fields. Switching back restores what was typed. */
export function TriggerForm({ data, errors, onChange }: InspectorFormProps) {
  const mode = entryMode(data);
  // What each mode last held, so trying another mode and coming back loses nothing.
  const memory = useRef<Partial<Record<EntryMode, NodeData>>>({});

  const switchTo = (next: EntryMode) => {
    if (next === mode) return;
    memory.current[mode] = data;
    const remembered = memory.current[next];
    if (remembered) return onChange(remembered);
    if (next === 'event') onChange({ event: '' });
    else if (next === 'quiet') onChange({ inactiveFor: '14d' });
    else onChange({ tagAdded: '' });
  };

  const quietFor = textOf(data.inactiveFor);
  const activity = textOf(data.event);

  return (
    <>
      <ChoiceGroup legend="Users enter" value={mode} choices={CHOICES} onChange={switchTo} />

      {mode === 'event' && (
        <EventMatchFields
          data={data}
          errors={errors}
          onChange={onChange}
          placeholder="signed_up"
          hint="The name your app sends with track(), such as signed_up."
        />
      )}

      {mode === 'quiet' && (
        <>
          <DurationPicker
            label="Quiet for"
            value={quietFor}
            error={errors.inactiveFor}
            hint={
              parseDuration(quietFor) !== undefined
                ? `Users enter once they have sent ${activity ? `no ${activity}` : 'no events'} for ${describeDuration(quietFor)}.`
                : undefined
            }
            onChange={(inactiveFor) => onChange({ ...data, inactiveFor })}
          />
          <TextField
            label="Only count this event"
            optional
            mono
            placeholder="app_open"
            value={activity}
            error={errors.event}
            hint="Leave empty to count every event the user sends."
            onChange={(event) => onChange(withKey(data, 'event', event === '' ? undefined : event))}
          />
        </>
      )}

      {mode === 'tag' && (
        <TextField
          label="Tag name"
          mono
          placeholder="trial_started"
          value={textOf(data.tagAdded)}
          error={errors.tagAdded}
          hint="Users enter the moment this tag is added to them."
          onChange={(tagAdded) => onChange({ ...data, tagAdded })}
        />
      )}
    </>
  );
}
