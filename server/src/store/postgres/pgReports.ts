/**
 * The aggregate queries of the PostgreSQL store; the same figures as sqliteReports.ts, in PostgreSQL's dialect
 * (FILTER clauses instead of summed booleans).
 */

export const RUN_TOTALS_SQL = `SELECT COUNT(*) AS entered,
       COUNT(*) FILTER (WHERE status = 'active') AS active,
       COUNT(*) FILTER (WHERE status = 'converted') AS converted,
       COUNT(*) FILTER (WHERE status = 'exited') AS exited
FROM runs WHERE journey_id = $1`;

export const OFFER_TOTALS_SQL = `SELECT COUNT(*) FILTER (WHERE status = 'sent') AS sent, COUNT(*) FILTER (WHERE status = 'pending') AS pending,
       COUNT(*) FILTER (WHERE status = 'dead') AS dead, COALESCE(SUM(cost) FILTER (WHERE status = 'sent'), 0) AS cost
FROM outbox WHERE journey_id = $1`;

/** $1 experiment, $2 node, $3 window, $4 since, $5 until, $6 matured (= now − window). See ARM_COUNTS_SQL for SQLite. */
export const ARM_COUNTS_SQL = `SELECT a.arm,
       COUNT(*) FILTER (WHERE a.assigned_at <= $6) AS entered,
       COUNT(*) FILTER (WHERE a.assigned_at <= $6 AND a.converted_at IS NOT NULL AND a.converted_at - a.assigned_at <= $3) AS converted,
       COALESCE(SUM(a.revenue) FILTER (WHERE a.assigned_at <= $6 AND a.converted_at IS NOT NULL AND a.converted_at - a.assigned_at <= $3), 0) AS revenue,
       COALESCE(SUM(a.sent) FILTER (WHERE a.assigned_at <= $6), 0) AS offers_sent,
       COALESCE(SUM(a.cost) FILTER (WHERE a.assigned_at <= $6), 0) AS offer_cost,
       COUNT(*) FILTER (WHERE a.assigned_at > $6) AS pending,
       COUNT(*) FILTER (WHERE a.assigned_at > $6 AND a.converted_at IS NOT NULL) AS pending_converted
FROM (SELECT x.*,
             (SELECT COUNT(*) FROM outbox o WHERE o.run_id = x.run_id AND o.status = 'sent') AS sent,
             (SELECT SUM(o.cost) FROM outbox o WHERE o.run_id = x.run_id AND o.status = 'sent') AS cost
      FROM experiment_assignments x
      WHERE x.journey_id = $1 AND x.node = $2 AND x.assigned_at >= $4 AND x.assigned_at <= $5) a
GROUP BY a.arm`;

export const EARLIER_ASSIGNMENTS_SQL = 'SELECT COUNT(*) AS n FROM experiment_assignments WHERE journey_id = $1 AND node = $2 AND assigned_at < $3';

/** $1 now, $2 late (= now − lateMs). */
export const METRICS_SQL = `SELECT
  (SELECT COUNT(*) FROM runs WHERE status = 'active') AS runs_active,
  (SELECT COUNT(*) FROM wakeups WHERE due_at <= $1) AS wakeups_due,
  (SELECT COUNT(*) FROM wakeups WHERE due_at <= $2) AS wakeups_late,
  (SELECT COUNT(*) FROM wakeups) AS wakeups_total,
  (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
  (SELECT COUNT(*) FROM outbox WHERE status = 'dead') AS outbox_dead,
  (SELECT COUNT(*) FROM events WHERE processed_at IS NULL) AS events_pending`;
