import type { ArmAnalysis } from '@waymark/shared';
import type { CSSProperties } from 'react';
import { armColour, variantIndexes } from './armColour.ts';
import { formatRate, formatRateInterval } from './experimentFormat.ts';
import { intervalAxis } from './intervalAxis.ts';

// Drawn in viewBox units; the SVG scales to the panel's width.
const WIDTH = 340;
const LABEL_WIDTH = 78;
const RIGHT = 16;
const ROW = 34;
const TOP = 6;
const AXIS = 24;

/**
 * Each arm's conversion rate as a dot on its 95% interval, on one shared axis, the control's row shaded and its
 * rate carried down the chart as a dashed line: an arm whose interval clears the line is the one to look at.
 */
export function IntervalChart({ arms }: { arms: readonly ArmAnalysis[] }) {
  const axis = intervalAxis(arms.flatMap((arm) => (arm.conversionInterval && arm.conversionRate !== null ? [...arm.conversionInterval, arm.conversionRate] : [])));
  const x = (value: number) => LABEL_WIDTH + axis.position(value) * (WIDTH - LABEL_WIDTH - RIGHT);
  const plotBottom = TOP + arms.length * ROW;
  const height = plotBottom + AXIS;
  const control = arms.find((arm) => arm.isControl);
  const variantIndex = variantIndexes(arms);
  const description = `Conversion rate by arm, with 95% intervals: ${arms
    .map((arm) => `${arm.id}${arm.isControl ? ' (control)' : ''} ${formatRate(arm.conversionRate)} (${formatRateInterval(arm.conversionInterval)})`)
    .join('; ')}.`;

  return (
    <svg className="exp-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={description} data-testid="experiment-chart">
      {axis.ticks.map((tick) => (
        <g key={tick}>
          <line className="exp-chart__grid" x1={x(tick)} x2={x(tick)} y1={TOP} y2={plotBottom} />
          <text className="exp-chart__tick" x={x(tick)} y={height - 7} textAnchor="middle">
            {axis.label(tick)}
          </text>
        </g>
      ))}
      {arms.map((arm, i) => {
        const y = TOP + i * ROW + ROW / 2;
        const style = { '--arm': armColour(arm.id, variantIndex.get(arm.id) ?? 0) } as CSSProperties;
        return (
          <g key={arm.id} className={`exp-chart__arm${arm.isControl ? ' is-control' : ''}`} style={style} data-arm={arm.id}>
            {arm.isControl && <rect className="exp-chart__band" x={0} y={TOP + i * ROW + 2} width={WIDTH} height={ROW - 4} rx={6} />}
            <text className="exp-chart__label" x={8} y={arm.isControl ? y - 4 : y} dominantBaseline="middle">
              {arm.id}
            </text>
            {arm.isControl && (
              <text className="exp-chart__sub" x={8} y={y + 9} dominantBaseline="middle">
                control
              </text>
            )}
            {arm.conversionInterval && arm.conversionRate !== null ? (
              <>
                <title>{`${arm.id}: ${formatRate(arm.conversionRate)} (95% interval ${formatRateInterval(arm.conversionInterval)})`}</title>
                <line className="exp-chart__interval" x1={x(arm.conversionInterval[0])} x2={x(arm.conversionInterval[1])} y1={y} y2={y} />
                <line className="exp-chart__cap" x1={x(arm.conversionInterval[0])} x2={x(arm.conversionInterval[0])} y1={y - 5} y2={y + 5} />
                <line className="exp-chart__cap" x1={x(arm.conversionInterval[1])} x2={x(arm.conversionInterval[1])} y1={y - 5} y2={y + 5} />
                <circle className="exp-chart__dot" cx={x(arm.conversionRate)} cy={y} r={5} />
              </>
            ) : (
              <text className="exp-chart__none" x={LABEL_WIDTH} y={y} dominantBaseline="middle">
                No users yet
              </text>
            )}
          </g>
        );
      })}
      {control?.conversionRate !== null && control?.conversionRate !== undefined && (
        <line className="exp-chart__control-line" x1={x(control.conversionRate)} x2={x(control.conversionRate)} y1={TOP} y2={plotBottom} />
      )}
    </svg>
  );
}
