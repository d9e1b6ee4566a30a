import { describeDuration, journeyDocumentSchema, parseDuration, type JourneySettings } from '@waymark/shared';
import { useMemo } from 'react';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { ChoiceGroup, type Choice } from './ChoiceGroup.tsx';
import { DurationPicker } from './DurationPicker.tsx';
import { fieldErrors } from './fieldErrors.ts';
import { Field, TextField } from './Field.tsx';
import { friendlyIssue } from './issueWording.ts';

type Reentry = JourneySettings['reentry'];

const REENTRY: readonly Choice<Reentry>[] = [
  { value: 'never', label: 'Only once', hint: 'A user goes through this journey at most once.' },
  { value: 'always', label: 'Every time', hint: 'A user who has left can enter again the next time the trigger fires.' },
  { value: 'cooldown', label: 'After a cooldown', hint: 'A user can enter again once some time has passed since they left.' },
];

const metaSchema = journeyDocumentSchema.pick({ name: true, description: true, settings: true });

/** The journey's own fields: its name, a description for the team, and whether users may enter again. */
export function JourneySettingsPanel() {
  const document = useJourneyStore((s) => s.document);
  const updateMeta = useJourneyStore((s) => s.updateMeta);
  const errors = useMemo(() => {
    if (!document) return {};
    const raw = fieldErrors(metaSchema, { name: document.name, description: document.description, settings: document.settings });
    return Object.fromEntries(Object.entries(raw).map(([path, message]) => [path, friendlyIssue(message)]));
  }, [document]);
  if (!document) return null;

  const { settings } = document;
  const setReentry = (reentry: Reentry) => {
    // Only the re-entry fields change; the attribution window stays as it was.
    const { cooldown: _cooldown, ...rest } = settings;
    const next: JourneySettings = reentry === 'cooldown' ? { ...rest, reentry, cooldown: settings.cooldown ?? '30d' } : { ...rest, reentry };
    updateMeta({ settings: next });
  };
  const cooldown = settings.cooldown ?? '';
  const attribution = settings.attributionWindow ?? '7d';

  return (
    <div className="insp" role="form" aria-label="Journey settings">
      <TextField
        label="Journey name"
        value={document.name}
        error={errors.name && 'Give the journey a name.'}
        onChange={(name) => updateMeta({ name })}
      />
      <Field label="Description" optional error={errors.description} hint="For your team: what the journey is for and who it reaches.">
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={3}
            value={document.description ?? ''}
            onChange={(e) => updateMeta({ description: e.target.value === '' ? undefined : e.target.value })}
          />
        )}
      </Field>
      <ChoiceGroup legend="Users can enter" value={settings.reentry} choices={REENTRY} onChange={setReentry} />
      {settings.reentry === 'cooldown' && (
        <DurationPicker
          label="Cooldown"
          value={cooldown}
          error={errors['settings.cooldown']}
          hint={
            parseDuration(cooldown) !== undefined ? `Users can enter again ${describeDuration(cooldown)} after they left.` : undefined
          }
          onChange={(next) => updateMeta({ settings: { ...settings, cooldown: next } })}
        />
      )}
      <DurationPicker
        label="Attribution window"
        value={attribution}
        error={errors['settings.attributionWindow']}
        hint={
          parseDuration(attribution) !== undefined
            ? `A goal within ${describeDuration(attribution)} of a split counts for the user's arm; holdout users are held that long.`
            : undefined
        }
        onChange={(next) => updateMeta({ settings: { ...settings, attributionWindow: next } })}
      />
      <p className="field__hint">Nobody is ever in the journey twice at once. Changes apply to users who enter after you publish.</p>
    </div>
  );
}
