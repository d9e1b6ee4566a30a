import { errorsUnder } from './fieldErrors.ts';
import { TextField } from './Field.tsx';
import { textOf, withKey, type InspectorFormProps } from './formData.ts';
import { WhereEditor } from './WhereEditor.tsx';

/** The conversion event: reaching this step, or doing the event at any point in the journey, converts. */
export function GoalForm({ data, errors, onChange }: InspectorFormProps) {
  return (
    <>
      <TextField
        label="Event name"
        mono
        placeholder="purchase"
        value={textOf(data.event)}
        error={errors.event}
        hint="Users who do it at any point while in the journey convert and leave, wherever they are."
        onChange={(event) => onChange({ ...data, event })}
      />
      <WhereEditor
        subject="the event's properties"
        value={data.where}
        errors={errorsUnder(errors, 'where')}
        onChange={(where) => onChange(withKey(data, 'where', where))}
      />
    </>
  );
}
