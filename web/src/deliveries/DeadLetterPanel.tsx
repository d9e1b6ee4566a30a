import { useEffect, useState } from 'react';
import { useFocusNode } from '../canvas/useFocusNode.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { DeadLetterList } from './DeadLetterList.tsx';
import { stepName } from './deliveryText.ts';
import { RetryAllDialog } from './RetryAllDialog.tsx';
import { useDeadLetters } from './useDeadLetters.ts';

const NOTE_MS = 6_000;

export interface DeadLetterPanelProps {
  journeyId: string;
  /** The tab is shown: poll only then. */
  active: boolean;
  /** Opens a user in the Users tab. */
  onOpenUser?(userId: string): void;
}

/**
 * The Deliveries tab: the journey's dead letter (offers that failed too often, or that a target refused for
 * good), each with its last error, and a way to send them again once the target is fixed, one by one or all at
 * once. The count on the tab comes from the journey's live stats; this list is polled only while it is shown.
 */
export function DeadLetterPanel({ journeyId, active, onOpenUser }: DeadLetterPanelProps) {
  const dead = useDeadLetters(journeyId, active);
  const nodes = useJourneyStore((s) => s.document?.nodes);
  const focusNode = useFocusNode();
  const [confirming, setConfirming] = useState(false);
  const { note, dismissNote } = dead;

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(dismissNote, NOTE_MS);
    return () => clearTimeout(timer);
  }, [note, dismissNote]);

  return (
    <>
      <DeadLetterList
        view={dead}
        stepOf={(nodeId) =>
          stepName(
            nodes?.find((n) => n.id === nodeId),
            nodeId,
          )
        }
        onReload={() => void dead.reload()}
        onRetry={(id) => void dead.retry(id)}
        onRetryAll={() => setConfirming(true)}
        onFocusStep={focusNode}
        {...(onOpenUser ? { onOpenUser } : {})}
      />
      <RetryAllDialog
        open={confirming}
        count={dead.offers?.length ?? 0}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void dead.retryAll();
        }}
      />
    </>
  );
}
