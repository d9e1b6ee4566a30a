import type { NodeType } from '@waymark/shared';
import type { ComponentType } from 'react';
import { BranchForm } from './BranchForm.tsx';
import { ExitForm } from './ExitForm.tsx';
import type { InspectorFormProps } from './formData.ts';
import { GoalForm } from './GoalForm.tsx';
import { OfferForm } from './OfferForm.tsx';
import { SplitForm } from './SplitForm.tsx';
import { TagForm } from './TagForm.tsx';
import { TriggerForm } from './TriggerForm.tsx';
import { WaitForm } from './WaitForm.tsx';

/** One form per node kind; the type check fails until a new kind has one. */
export const inspectorForms = {
  trigger: TriggerForm,
  wait: WaitForm,
  branch: BranchForm,
  split: SplitForm,
  offer: OfferForm,
  tag: TagForm,
  goal: GoalForm,
  exit: ExitForm,
} satisfies Record<NodeType, ComponentType<InspectorFormProps>>;
