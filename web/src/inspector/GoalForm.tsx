import { EventMatchFields } from './EventMatchFields.tsx';
import type { InspectorFormProps } from './formData.ts';

/** The conversion event: reaching this step, or doing the event at any point in the journey, converts. */
export function GoalForm(props: InspectorFormProps) {
  return (
    <EventMatchFields
      {...props}
      placeholder="purchase"
      hint="Users who do it at any point while in the journey convert and leave, wherever they are."
    />
  );
}
