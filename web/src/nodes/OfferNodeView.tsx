import type { NodeProps } from '@xyflow/react';
import { offerNode, type OfferData } from '@waymark/shared';
import { formatMoney } from '../app/format.ts';
import type { FlowNode } from '../store/documentToFlow.ts';
import { NodeCard } from './NodeCard.tsx';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function destination(offer: OfferData): string {
  if (offer.channel === 'email') return offer.subject ? `“${offer.subject}”` : 'No subject';
  return offer.url ? hostOf(offer.url) : 'No URL';
}

/** Shows what each offer costs and where it goes: the two things a marketer checks before publishing. */
export function OfferNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const parsed = offerNode.dataSchema.safeParse(data);
  const offer = parsed.success ? parsed.data : undefined;
  return (
    <NodeCard id={id} type={type} data={data} selected={selected}>
      {offer && (
        <>
          {offer.cost !== undefined && <span className="wm-chip">{formatMoney(offer.cost)}</span>}
          <span className="wm-node__where" title={offer.channel === 'email' ? offer.subject : offer.url}>
            {destination(offer)}
          </span>
        </>
      )}
    </NodeCard>
  );
}
