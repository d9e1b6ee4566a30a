import { HOLDOUT_ARM, type ExperimentReport, type ReportArm } from '@waymark/shared';
import type { ReactNode } from 'react';
import { formatCount } from '../app/format.ts';
import { ArmSwatch } from './AllocationBar.tsx';
import { variantIndexes } from './armColour.ts';
import { formatAmount, formatLift, formatLiftInterval, formatRate, formatRateInterval, formatReturn } from './experimentFormat.ts';
import { promoteChoices, type PromoteChoice } from './promoteChoices.ts';
import { formatShare } from './splitAllocation.ts';

interface Row {
  label: string;
  hint?: string;
  cell(arm: ReportArm): ReactNode;
}

function liftCell(arm: ReportArm): ReactNode {
  if (arm.isControl) return <span className="muted">control</span>;
  if (!arm.vsControl) return <span className="muted">paused</span>;
  const { lift, liftInterval, significant, difference } = arm.vsControl;
  const tone = significant ? (difference > 0 ? ' is-better' : ' is-worse') : '';
  return (
    <>
      <span className={`exp-table__lift${tone}`}>{formatLift(lift)}</span>
      <span className="exp-table__interval">{formatLiftInterval(liftInterval)}</span>
    </>
  );
}

const ROWS: Row[] = [
  { label: 'Users', hint: 'Users assigned to the arm whose attribution window has closed', cell: (arm) => formatCount(arm.entered) },
  {
    label: 'In window',
    hint: 'Users still inside their attribution window (and those of them who converted): they count once it closes',
    cell: (arm) => (arm.pending > 0 ? `+${formatCount(arm.pending)}${arm.pendingConverted > 0 ? ` (${formatCount(arm.pendingConverted)} conv.)` : ''}` : <span className="muted">—</span>),
  },
  { label: 'Converted', hint: 'Users who reached the goal within the attribution window', cell: (arm) => formatCount(arm.converted) },
  {
    label: 'Conversion rate',
    hint: 'With its 95% interval',
    cell: (arm) => (
      <>
        <span className="strong">{formatRate(arm.conversionRate)}</span>
        <span className="exp-table__interval">{formatRateInterval(arm.conversionInterval)}</span>
      </>
    ),
  },
  { label: 'Lift vs control', hint: 'Relative change in conversion rate, with its 95% interval', cell: liftCell },
  { label: 'Offers sent', cell: (arm) => formatCount(arm.offersSent) },
  { label: 'Offer cost', cell: (arm) => formatAmount(arm.offerCost) },
  { label: 'Revenue', cell: (arm) => formatAmount(arm.revenue) },
  { label: 'Revenue per user', cell: (arm) => formatAmount(arm.revenuePerUser) },
  { label: 'Return on offer spend', hint: 'Revenue per dollar of offer cost', cell: (arm) => formatReturn(arm.returnOnOfferSpend) },
];

/**
 * The arms side by side, one column each (a narrow panel holds three or four arms this way, where a row per
 * arm would need nine columns), ending with each variant's Promote button.
 */
export function ArmTable({ report, onPromote }: { report: ExperimentReport; onPromote(choice: PromoteChoice): void }) {
  const arms = report.arms;
  const totalWeight = arms.reduce((sum, arm) => sum + arm.weight, 0) || 1;
  const variantIndex = variantIndexes(arms);
  const choices = new Map(promoteChoices(report).map((choice) => [choice.variant, choice]));

  return (
    <div className="exp-table-wrap">
      <table className="exp-table" data-testid="experiment-arms">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Measure</span>
            </th>
            {arms.map((arm) => (
              <th key={arm.id} scope="col" className={arm.isControl ? 'is-control' : undefined}>
                <span className="exp-table__arm">
                  <ArmSwatch arm={arm.id} variantIndex={arm.id === HOLDOUT_ARM ? null : (variantIndex.get(arm.id) ?? 0)} />
                  {arm.id}
                </span>
                {arm.journeyName && (
                  <a className="exp-table__journey" href={`#/journeys/${encodeURIComponent(arm.journeyId ?? '')}`}>
                    {arm.journeyName}
                  </a>
                )}
                <span className="exp-table__share">{arm.weight > 0 ? formatShare(arm.weight / totalWeight) : 'paused'}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.label}>
              <th scope="row" title={row.hint}>
                {row.label}
              </th>
              {arms.map((arm) => (
                <td key={arm.id} className={arm.isControl ? 'is-control' : undefined} data-arm={arm.id}>
                  {row.cell(arm)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {(choices.size > 0 || report.promoted) && (
          <tfoot>
            <tr>
              <th scope="row">{report.promoted ? 'Promoted' : 'Roll out'}</th>
              {arms.map((arm) => (
                <td key={arm.id} className={arm.isControl ? 'is-control' : undefined}>
                  <PromoteCell choice={choices.get(arm.id)} promoted={report.promoted?.variant === arm.id} onPromote={onPromote} />
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function PromoteCell({ choice, promoted, onPromote }: { choice: PromoteChoice | undefined; promoted: boolean; onPromote(choice: PromoteChoice): void }) {
  if (promoted) return <span className="badge badge--active">100%</span>;
  if (!choice) return null;
  return (
    <button
      type="button"
      className={`btn btn--small ${choice.conclusive ? 'btn--primary' : 'btn--secondary'} exp-table__promote`}
      aria-label={`Promote ${choice.variant}`}
      title={choice.conclusive ? `The verdict backs ${choice.variant}` : `Not backed by the evidence yet: ${choice.caution}`}
      data-testid={`promote-${choice.variant}`}
      data-conclusive={choice.conclusive}
      onClick={() => onPromote(choice)}
    >
      Promote
    </button>
  );
}
