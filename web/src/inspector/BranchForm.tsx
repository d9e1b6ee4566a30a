import { TextField } from './Field.tsx';
import { textOf, type InspectorFormProps } from './formData.ts';

/** Splits users by one tag: Yes if they carry it, No otherwise. */
export function BranchForm({ data, errors, onChange }: InspectorFormProps) {
  const tag = textOf(data.tag);
  return (
    <TextField
      label="Has the tag"
      mono
      placeholder="vip"
      value={tag}
      error={errors.tag}
      hint={`Users tagged ${tag.trim() || '…'} go down Yes; everyone else goes down No.`}
      onChange={(next) => onChange({ ...data, tag: next })}
    />
  );
}
