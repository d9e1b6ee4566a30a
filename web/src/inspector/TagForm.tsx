import { stringsOf, withKey, type InspectorFormProps } from './formData.ts';
import { TagListInput } from './TagListInput.tsx';

/** Tags to add and to remove; at least one of either. An emptied list leaves the data. */
export function TagForm({ data, errors, onChange }: InspectorFormProps) {
  const set = (key: 'add' | 'remove', tags: string[]) => onChange(withKey(data, key, tags.length ? tags : undefined));
  return (
    <>
      <TagListInput label="Tags to add" tags={stringsOf(data.add)} error={errors.add ?? errors['']} onChange={(tags) => set('add', tags)} />
      <TagListInput label="Tags to remove" tags={stringsOf(data.remove)} error={errors.remove} onChange={(tags) => set('remove', tags)} />
    </>
  );
}
