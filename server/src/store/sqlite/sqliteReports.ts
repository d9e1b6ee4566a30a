/** The aggregate queries behind journey stats and experiment reports, kept apart from the store's plumbing. */

/** Runs of one journey by outcome. */
export const RUN_TOTALS_SQL = `SELECT COUNT(*) AS entered,
       COALESCE(SUM(status = 'active'), 0) AS active,
       COALESCE(SUM(status = 'converted'), 0) AS converted,
       COALESCE(SUM(status = 'exited'), 0) AS exited
FROM runs WHERE journey_id = ?`;

/** Offers of one journey by delivery status, and what the sent ones cost. */
export const OFFER_TOTALS_SQL = `SELECT COALESCE(SUM(status = 'sent'), 0) AS sent, COALESCE(SUM(status = 'pending'), 0) AS pending,
       COALESCE(SUM(status = 'dead'), 0) AS dead, COALESCE(SUM(CASE WHEN status = 'sent' THEN cost END), 0) AS cost
FROM outbox WHERE journey_id = ?`;

/**
 * Per experiment arm, over users assigned in [@since, @until]: those whose attribution window closed by @now
 * (@matured = @now - @window) with their conversions within the window, revenue and the offers sent to their
 * run (found through the user's offers: outbox has no index by run); and those still inside it (pending).
 */
export const ARM_COUNTS_SQL = `SELECT a.arm,
       COALESCE(SUM(a.assigned_at <= @matured), 0) AS entered,
       COALESCE(SUM(a.assigned_at <= @matured AND a.converted_at IS NOT NULL AND a.converted_at - a.assigned_at <= @window), 0) AS converted,
       COALESCE(SUM(CASE WHEN a.assigned_at <= @matured AND a.converted_at IS NOT NULL AND a.converted_at - a.assigned_at <= @window THEN a.revenue END), 0) AS revenue,
       COALESCE(SUM(CASE WHEN a.assigned_at <= @matured THEN a.sent END), 0) AS offers_sent,
       COALESCE(SUM(CASE WHEN a.assigned_at <= @matured THEN a.cost END), 0) AS offer_cost,
       COALESCE(SUM(a.assigned_at > @matured), 0) AS pending,
       COALESCE(SUM(a.assigned_at > @matured AND a.converted_at IS NOT NULL), 0) AS pending_converted
FROM (SELECT x.*,
             (SELECT COUNT(*) FROM outbox o WHERE o.user_id = x.user_id AND o.run_id = x.run_id AND o.status = 'sent') AS sent,
             (SELECT SUM(o.cost) FROM outbox o WHERE o.user_id = x.user_id AND o.run_id = x.run_id AND o.status = 'sent') AS cost
      FROM experiment_assignments x
      WHERE x.journey_id = @experiment AND x.node = @node AND x.assigned_at >= @since AND x.assigned_at <= @until) a
GROUP BY a.arm`;

/** Users of an experiment assigned before the current phase. */
export const EARLIER_ASSIGNMENTS_SQL = `SELECT COUNT(*) AS n FROM experiment_assignments
WHERE journey_id = @experiment AND node = @node AND assigned_at < @since`;

/** The gauges of `/metrics`, each an indexed count (runs by status, wakeups by due time, pending rows). */
export const METRICS_SQL = `SELECT
  (SELECT COUNT(*) FROM runs WHERE status = 'active') AS runs_active,
  (SELECT COUNT(*) FROM wakeups WHERE due_at <= @now) AS wakeups_due,
  (SELECT COUNT(*) FROM wakeups WHERE due_at <= @late) AS wakeups_late,
  (SELECT COUNT(*) FROM wakeups) AS wakeups_total,
  (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS outbox_pending,
  (SELECT COUNT(*) FROM outbox WHERE status = 'dead') AS outbox_dead,
  (SELECT COUNT(*) FROM events WHERE processed_at IS NULL) AS events_pending`;
