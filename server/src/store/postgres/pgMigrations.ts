import { LANE_SQL } from './pgOwnership.ts';

/**
 * Versioned schema for the PostgreSQL store: the SQLite schema (its migrations 1–5) in PostgreSQL's own types
 * (BIGINT epoch milliseconds, BIGSERIAL ids, jsonb documents), plus the lane columns several processes share
 * work by. Append a new entry to change it; never edit one that has shipped.
 */
export const pgMigrations: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial schema (SQLite migrations 1–5)',
    sql: `
      CREATE TABLE journeys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft',
        draft JSONB NOT NULL,
        published_version INTEGER,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE journey_versions (
        journey_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        document JSONB NOT NULL,
        machine JSONB NOT NULL,
        published_at BIGINT NOT NULL,
        PRIMARY KEY (journey_id, version)
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        traits JSONB NOT NULL,
        tags JSONB NOT NULL,
        assignments JSONB NOT NULL DEFAULT '{}',
        first_seen_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL
      );
      CREATE TABLE events (
        seq BIGSERIAL PRIMARY KEY,
        message_id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT,
        payload JSONB NOT NULL,
        timestamp BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        processed_at BIGINT
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        status TEXT NOT NULL,
        node TEXT NOT NULL,
        snapshot JSONB NOT NULL,
        wakeup_id BIGINT,
        entered_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        ended_at BIGINT
      );
      CREATE UNIQUE INDEX runs_one_active ON runs (journey_id, user_id) WHERE status = 'active';
      CREATE INDEX runs_user ON runs (user_id, entered_at);
      CREATE INDEX runs_journey_status ON runs (journey_id, status, node);
      CREATE TABLE wakeups (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL,
        run_id TEXT,
        journey_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        node TEXT,
        due_at BIGINT NOT NULL
      );
      CREATE INDEX wakeups_due ON wakeups (due_at);
      CREATE INDEX wakeups_run ON wakeups (run_id) WHERE run_id IS NOT NULL;
      CREATE UNIQUE INDEX wakeups_inactivity ON wakeups (journey_id, user_id) WHERE kind = 'inactivity';
      CREATE TABLE outbox (
        id BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL,
        journey_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        node TEXT NOT NULL,
        channel TEXT NOT NULL,
        offer TEXT NOT NULL,
        payload JSONB NOT NULL,
        cost DOUBLE PRECISION NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        lease_until BIGINT NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        sent_at BIGINT
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_journey ON outbox (journey_id, status);
      CREATE INDEX outbox_user ON outbox (user_id);
      CREATE INDEX outbox_run ON outbox (run_id);
      CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead';
      CREATE TABLE timeline (
        id BIGSERIAL PRIMARY KEY,
        user_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        kind TEXT NOT NULL,
        journey_id TEXT,
        run_id TEXT,
        node TEXT,
        detail JSONB NOT NULL
      );
      CREATE INDEX timeline_user ON timeline (user_id, id);
      -- Counters are sharded by lane: a transaction only touches the shard of a lane it holds, so processes
      -- never wait on (or deadlock over) a journey's hot counter rows. Readers sum the shards.
      CREATE TABLE node_stats (
        journey_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        node TEXT NOT NULL,
        shard SMALLINT NOT NULL,
        entered BIGINT NOT NULL,
        PRIMARY KEY (journey_id, version, node, shard)
      );
      CREATE TABLE edge_stats (
        journey_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        edge TEXT NOT NULL,
        shard SMALLINT NOT NULL,
        taken BIGINT NOT NULL,
        PRIMARY KEY (journey_id, version, edge, shard)
      );
      CREATE TABLE experiment_assignments (
        journey_id TEXT NOT NULL,
        node TEXT NOT NULL,
        user_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        run_id TEXT NOT NULL,
        assigned_at BIGINT NOT NULL,
        converted_at BIGINT,
        revenue DOUBLE PRECISION NOT NULL DEFAULT 0,
        goal_journey TEXT,
        PRIMARY KEY (journey_id, node, user_id)
      );
      CREATE INDEX experiment_assignments_arm ON experiment_assignments (journey_id, node, arm);
      CREATE INDEX experiment_assignments_user ON experiment_assignments (user_id) WHERE converted_at IS NULL;
      CREATE TABLE experiment_promotions (
        journey_id TEXT NOT NULL,
        node TEXT NOT NULL,
        variant TEXT NOT NULL,
        config JSONB NOT NULL,
        promoted_at BIGINT NOT NULL,
        PRIMARY KEY (journey_id, node)
      );
      CREATE TABLE journey_experiments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        config JSONB NOT NULL,
        status TEXT NOT NULL,
        promoted_variant TEXT,
        promoted_at BIGINT,
        created_at BIGINT NOT NULL
      );
      ${LANE_SQL}
    `,
  },
  // Version 2 (SQLite 6): the timeline as one row per step; entry ids become step id × 2^20 + position.
  {
    version: 2,
    name: 'timeline: one row per step',
    sql: `
      CREATE TABLE timeline_steps (
        id BIGSERIAL PRIMARY KEY,
        user_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        entries JSONB NOT NULL
      );
      INSERT INTO timeline_steps (id, user_id, at, entries)
        SELECT id, user_id, at, jsonb_build_array(jsonb_build_object('kind', kind, 'journeyId', journey_id, 'runId', run_id, 'node', node, 'detail', detail))
        FROM timeline;
      SELECT setval(pg_get_serial_sequence('timeline_steps', 'id'), GREATEST((SELECT max(id) FROM timeline_steps), 0) + 1, false);
      DROP TABLE timeline;
      CREATE INDEX timeline_steps_user ON timeline_steps (user_id, id);
    `,
  },
];
