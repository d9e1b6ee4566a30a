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
 * Per experiment arm: users assigned up to @until, conversions within @window of assignment, their revenue, and
 * the offers sent to those users' runs.
 */
export const ARM_COUNTS_SQL = `SELECT a.arm,
       COUNT(*) AS entered,
       COALESCE(SUM(a.converted_at IS NOT NULL AND a.converted_at - a.assigned_at <= @window), 0) AS converted,
       COALESCE(SUM(CASE WHEN a.converted_at IS NOT NULL AND a.converted_at - a.assigned_at <= @window THEN a.revenue END), 0) AS revenue,
       COALESCE(SUM(o.sent), 0) AS offers_sent,
       COALESCE(SUM(o.cost), 0) AS offer_cost
FROM experiment_assignments a
LEFT JOIN (SELECT run_id, COUNT(*) AS sent, SUM(cost) AS cost FROM outbox WHERE status = 'sent' AND journey_id = @journey GROUP BY run_id) o
  ON o.run_id = a.run_id
WHERE a.journey_id = @journey AND a.node = @node AND a.assigned_at <= @until
GROUP BY a.arm`;
