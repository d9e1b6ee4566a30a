import type { CSSProperties } from 'react';
import { armColour } from './armColour.ts';
import { formatShare, type ArmShare } from './splitAllocation.ts';

/** Who gets what at a split, as one stacked bar: the holdout in grey first, then each variant in its colour. */
export function AllocationBar({ shares, className = '' }: { shares: readonly ArmShare[]; className?: string }) {
  const words = shares.map((arm) => `${arm.id || 'unnamed'} ${formatShare(arm.share)}`).join(', ');
  return (
    <div className={`alloc-bar ${className}`} role="img" aria-label={`Allocation: ${words}`} title={words}>
      {shares
        .filter((arm) => arm.share > 0)
        .map((arm, i) => (
          <span
            key={`${arm.id}-${i}`}
            className={`alloc-bar__part${arm.variantIndex === null ? ' alloc-bar__part--holdout' : ''}`}
            style={{ flexGrow: arm.share, '--arm': armColour(arm.id, arm.variantIndex ?? 0) } as CSSProperties}
          />
        ))}
    </div>
  );
}

/** A small square in an arm's colour, beside its name. */
export function ArmSwatch({ arm, variantIndex }: { arm: string; variantIndex: number | null }) {
  return <span className="arm-swatch" style={{ '--arm': armColour(arm, variantIndex ?? 0) } as CSSProperties} aria-hidden="true" />;
}
