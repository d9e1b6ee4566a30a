import type { NodeProps } from '@xyflow/react';
import { useMemo } from 'react';
import { formatCount } from '../app/format.ts';
import { AllocationBar, ArmSwatch } from '../experiments/AllocationBar.tsx';
import { enteredByArm, useExperiment } from '../experiments/ExperimentContext.ts';
import { formatShare, splitShares } from '../experiments/splitAllocation.ts';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

/**
 * An A/B split: its allocation as a stacked bar, and one exit per variant with its share and, once the journey
 * is live, how many users it has been given so far (from the experiment report, which counts the holdout too).
 */
export function SplitNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const shares = useMemo(() => splitShares(data), [data]);
  const experiment = useExperiment();
  // Only a published split has a report, so counts show exactly when the journey is live.
  const entered = enteredByArm(experiment, id);
  const report = experiment.node === id ? experiment.report : null;
  const promoted = report?.status === 'promoted' ? report.promoted?.variant : undefined;
  const holdout = shares.find((arm) => arm.variantIndex === null);

  const renderOut = (handle: string) => {
    const arm = shares.find((a) => a.variantIndex !== null && a.id === handle);
    return (
      <span className={`wm-split__out${arm && arm.share === 0 ? ' is-paused' : ''}`}>
        <ArmSwatch arm={handle} variantIndex={arm?.variantIndex ?? 0} />
        <span className="wm-split__arm">{handle || '?'}</span>
        <span className="wm-split__share">{arm ? (arm.share === 0 ? 'paused' : formatShare(arm.share)) : ''}</span>
        {entered && (
          <span className="wm-split__count" title={`Users assigned to ${handle} so far`} data-testid={`split-count-${id}-${handle}`}>
            {formatCount(entered.get(handle) ?? 0)}
          </span>
        )}
      </span>
    );
  };

  return (
    <NodeCard id={id} type={type} data={data} selected={selected} badge={promoted ? `${promoted} promoted` : undefined} renderOut={renderOut}>
      <div className="wm-split">
        <AllocationBar shares={shares} />
        {holdout && (
          <div className="wm-split__holdout" title="Held-out users get nothing from here: they are the control group.">
            <ArmSwatch arm="holdout" variantIndex={null} />
            <span>Holdout {formatShare(holdout.share)}</span>
            {entered && (
              <span className="wm-split__count" title="Users held out so far" data-testid={`split-count-${id}-holdout`}>
                {formatCount(entered.get('holdout') ?? 0)}
              </span>
            )}
          </div>
        )}
      </div>
    </NodeCard>
  );
}
