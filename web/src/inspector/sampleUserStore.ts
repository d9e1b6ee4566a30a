import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { defaultSampleUser, type SampleUser } from './templatePreview.ts';

interface SampleUserState {
  sample: SampleUser;
  update(patch: Partial<SampleUser>): void;
}

// One sample user for every offer preview while the page is open: set it up once, check each message with it.
const sampleUserStore = createStore<SampleUserState>()((set) => ({
  sample: defaultSampleUser,
  update: (patch) => set((s) => ({ sample: { ...s.sample, ...patch } })),
}));

export function useSampleUser(): [SampleUser, (patch: Partial<SampleUser>) => void] {
  return [useStore(sampleUserStore, (s) => s.sample), useStore(sampleUserStore, (s) => s.update)];
}
