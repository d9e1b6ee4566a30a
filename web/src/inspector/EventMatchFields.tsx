import { errorsUnder } from './fieldErrors.ts';
import { TextField } from './Field.tsx';
import { textOf, withKey, type InspectorFormProps } from './formData.ts';
import { WhereEditor } from './WhereEditor.tsx';

/** "Event name" plus its property filters: how a trigger and a goal both say which event they mean. */
export function EventMatchFields({
  data,
  errors,
  onChange,
  placeholder,
  hint,
}: Pick<InspectorFormProps, 'data' | 'errors' | 'onChange'> & { placeholder: string; hint: string }) {
  return (
    <>
      <TextField
        label="Event name"
        mono
        placeholder={placeholder}
        value={textOf(data.event)}
        error={errors.event}
        hint={hint}
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
