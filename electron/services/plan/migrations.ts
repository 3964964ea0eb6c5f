/**
 * Schema migrations, in order. The file's version is `PRAGMA user_version`; all pending migrations
 * run in one transaction after a backup. Migrations only ever add: a released one is never edited.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

const V1_SCHEMA = `
CREATE TABLE plan (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  uid TEXT NOT NULL,
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE plan_settings (
  key TEXT PRIMARY KEY,
  value REAL NOT NULL
) STRICT;

CREATE TABLE holidays (
  day TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE freeze_windows (
  id INTEGER PRIMARY KEY,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  CHECK (from_date <= to_date)
) STRICT;

CREATE TABLE erps (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  vendor TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL DEFAULT '',
  connector_status TEXT NOT NULL CHECK (connector_status IN ('not-started', 'in-build', 'validated')),
  connector_ready_date TEXT,
  notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  erp_id INTEGER NOT NULL REFERENCES erps (id) ON DELETE RESTRICT,
  headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  lead_name TEXT NOT NULL DEFAULT '',
  lead_email TEXT NOT NULL DEFAULT '',
  leadership_willingness INTEGER NOT NULL CHECK (leadership_willingness BETWEEN 1 AND 5),
  workflow_representativeness INTEGER NOT NULL CHECK (workflow_representativeness BETWEEN 1 AND 5),
  technical_sophistication INTEGER NOT NULL CHECK (technical_sophistication BETWEEN 1 AND 5),
  earliest_go_live TEXT,
  pinned_wave INTEGER CHECK (pinned_wave >= 0),
  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  notes TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sites_erp ON sites (erp_id);

CREATE TABLE site_blackouts (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  CHECK (from_date <= to_date)
) STRICT;
CREATE INDEX site_blackouts_site ON site_blackouts (site_id);

CREATE TABLE site_predecessors (
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  predecessor_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (site_id, predecessor_id),
  CHECK (site_id <> predecessor_id)
) STRICT;

CREATE TABLE readiness_dimensions (
  key TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  weight REAL NOT NULL CHECK (weight >= 0),
  threshold REAL NOT NULL CHECK (threshold BETWEEN 0 AND 100),
  position INTEGER NOT NULL
) STRICT;

-- Readiness history: one row per assessment, never updated. The current value is the newest row.
CREATE TABLE readiness_entries (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  dimension_key TEXT NOT NULL REFERENCES readiness_dimensions (key) ON DELETE CASCADE ON UPDATE CASCADE,
  score REAL CHECK (score BETWEEN 0 AND 100),
  target_date TEXT,
  comment TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('ui', 'import', 'packet', 'cli'))
) STRICT;
CREATE INDEX readiness_entries_current ON readiness_entries (site_id, dimension_key, id);

CREATE TABLE schedules (
  id INTEGER PRIMARY KEY,
  as_of TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  lighthouse_site_id INTEGER REFERENCES sites (id) ON DELETE SET NULL,
  lighthouse_override INTEGER NOT NULL DEFAULT 0 CHECK (lighthouse_override IN (0, 1)),
  result_json TEXT NOT NULL,
  is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
) STRICT;

CREATE TABLE waves (
  id INTEGER PRIMARY KEY,
  schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number >= 0),
  name TEXT NOT NULL DEFAULT '',
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  prep_lead_days INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'live', 'closed')),
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  UNIQUE (schedule_id, number)
) STRICT;

CREATE TABLE wave_placements (
  wave_id INTEGER NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  go_live TEXT NOT NULL,
  prep_start TEXT NOT NULL,
  hypercare_end TEXT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  reasons_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (wave_id, site_id)
) STRICT;

CREATE TABLE playbook_versions (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
  created_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE playbook_tasks (
  id INTEGER PRIMARY KEY,
  playbook_version_id INTEGER NOT NULL REFERENCES playbook_versions (id) ON DELETE CASCADE,
  task_key TEXT NOT NULL,
  title TEXT NOT NULL,
  phase TEXT NOT NULL,
  owner_role TEXT NOT NULL,
  offset_days INTEGER NOT NULL,
  duration_days INTEGER NOT NULL CHECK (duration_days >= 0),
  applies_to TEXT NOT NULL CHECK (applies_to IN ('all', 'lighthouse', 'first-on-erp', 'followers')),
  gate INTEGER NOT NULL CHECK (gate IN (0, 1)),
  position INTEGER NOT NULL,
  UNIQUE (playbook_version_id, task_key)
) STRICT;

CREATE TABLE checklist_items (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  task_key TEXT NOT NULL,
  playbook_version INTEGER NOT NULL,
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'blocked', 'n/a')),
  owner TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  completed_at TEXT,
  UNIQUE (site_id, task_key)
) STRICT;

CREATE TABLE baselines (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  as_of TEXT NOT NULL
) STRICT;

CREATE TABLE baseline_entries (
  baseline_id INTEGER NOT NULL REFERENCES baselines (id) ON DELETE CASCADE,
  site_code TEXT NOT NULL,
  wave_number INTEGER,
  go_live TEXT,
  PRIMARY KEY (baseline_id, site_code)
) STRICT;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  source TEXT NOT NULL CHECK (source IN ('ui', 'import', 'packet', 'cli'))
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
`;

const SOURCES_V4 = "('ui', 'import', 'packet', 'cli', 'sync')";

const V4_SCHEMA = `
-- Every write to the plan is one commit; its number is the plan's revision.
CREATE TABLE commits (
  revision INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ${SOURCES_V4}),
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo', 'create')),
  -- For an undo or a redo: the revision it took back or did again.
  target INTEGER,
  -- The open plan (one process, one opening) that made it: undo and redo stay within it.
  session TEXT NOT NULL,
  -- An edit that can still be undone ('done') or redone ('undone'); NULL once out of reach.
  undo_state TEXT CHECK (undo_state IN ('done', 'undone')),
  changes_json TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX commits_session ON commits (session, undo_state, revision);

-- The inverse of every edit, as data: the image of each row it touched, before and after.
CREATE TABLE undo_changes (
  id INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL REFERENCES commits (revision) ON DELETE CASCADE,
  tbl TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  row_id INTEGER NOT NULL,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE INDEX undo_changes_revision ON undo_changes (revision, id);

-- Audit entries name the commit they belong to and whether they record an undo or a redo;
-- changes from the team server have their own source.
CREATE TABLE audit_log_v4 (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  source TEXT NOT NULL CHECK (source IN ${SOURCES_V4}),
  revision INTEGER,
  action TEXT NOT NULL DEFAULT 'edit' CHECK (action IN ('edit', 'undo', 'redo'))
) STRICT;
INSERT INTO audit_log_v4 (id, at, actor, entity, entity_id, field, old_value, new_value, source)
  SELECT id, at, actor, entity, entity_id, field, old_value, new_value, source FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v4 RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_revision ON audit_log (revision);

CREATE TABLE readiness_entries_v4 (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  dimension_key TEXT NOT NULL REFERENCES readiness_dimensions (key) ON DELETE CASCADE ON UPDATE CASCADE,
  score REAL CHECK (score BETWEEN 0 AND 100),
  target_date TEXT,
  comment TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ${SOURCES_V4})
) STRICT;
INSERT INTO readiness_entries_v4 SELECT * FROM readiness_entries;
DROP TABLE readiness_entries;
ALTER TABLE readiness_entries_v4 RENAME TO readiness_entries;
CREATE INDEX readiness_entries_current ON readiness_entries (site_id, dimension_key, id);

-- A schedule knows what it was computed from, to tell when it is out of date.
ALTER TABLE schedules ADD COLUMN inputs_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE schedules ADD COLUMN inputs_revision INTEGER NOT NULL DEFAULT 0;
-- A schedule's entries one row each, so that moving one site rewrites (and its undo keeps) a few
-- rows, not the whole schedule. result_json then holds the schedule's head (as-of, lighthouse);
-- a schedule stored before this version keeps its whole JSON there until it is next stored.
CREATE TABLE schedule_entries (
  id INTEGER PRIMARY KEY,
  schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  list TEXT NOT NULL CHECK (list IN ('site', 'unscheduled', 'violation', 'warning')),
  -- For a placed site: the number of its wave.
  wave INTEGER,
  -- Its place in its wave or list.
  position INTEGER NOT NULL,
  -- The site's code (placed and unscheduled sites), or the position (violations and warnings).
  key TEXT NOT NULL,
  -- The entry as the scheduler made it, as JSON.
  body TEXT NOT NULL,
  UNIQUE (schedule_id, list, key)
) STRICT;
-- Placements were written and never read (the schedule's JSON held them), and waves had no status.
DROP TABLE wave_placements;
ALTER TABLE waves DROP COLUMN status;
`;

const TEAM_SCHEMA = `
-- Members of a team add sites and ERPs while apart; each keeps the order the one who added it gave
-- (ties broken by code), so every member lists them alike whatever order they arrived in.
ALTER TABLE sites ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE sites SET position = id;
ALTER TABLE erps ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE erps SET position = id;
CREATE INDEX sites_position ON sites (position);

-- The plan's membership of a team (one row, or none for a plan of one's own). The member's key is
-- kept in the app's data folder, never in the plan file.
CREATE TABLE team_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  member_id TEXT NOT NULL,
  member_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('planner', 'site-lead')),
  -- A site lead's sites (codes, as JSON).
  sites_json TEXT NOT NULL DEFAULT '[]',
  -- The team's program document (a planner's), NULL for a site lead.
  program_doc TEXT,
  -- The newest commit whose changes are in the team's documents.
  exported_revision INTEGER NOT NULL DEFAULT 0,
  joined_at TEXT NOT NULL,
  -- Set when the server refused this member's key: the plan stays, syncing stops.
  revoked_at TEXT
) STRICT;

-- The team's documents as this member holds them (Automerge): a snapshot, the changes since, and
-- the heads whose content the plan's tables show.
CREATE TABLE team_docs (
  doc_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('program', 'desk')),
  site TEXT,
  snapshot BLOB NOT NULL,
  applied_heads TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE TABLE team_doc_changes (
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES team_docs (doc_id) ON DELETE CASCADE,
  bytes BLOB NOT NULL
) STRICT;
CREATE INDEX team_doc_changes_doc ON team_doc_changes (doc_id, id);

-- This member's changes the server has not confirmed yet.
CREATE TABLE team_pending (
  hash TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;

-- Fields two members changed while apart (each value, who and when), or a value this plan could
-- not take, until someone decides. The plan shows shown_json meanwhile.
CREATE TABLE team_reviews (
  cell TEXT PRIMARY KEY,
  choices_json TEXT NOT NULL,
  shown_json TEXT NOT NULL,
  refusal TEXT,
  noticed_at TEXT NOT NULL
) STRICT;

-- What the server refused of this member's changes, as it said.
CREATE TABLE team_refusals (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up(db) {
      db.exec(V1_SCHEMA);
    },
  },
  {
    version: 2,
    name: 'lighthouse override and pinned go-live days',
    up(db) {
      db.exec(`
        ALTER TABLE plan ADD COLUMN lighthouse_override TEXT;
        ALTER TABLE sites ADD COLUMN pinned_go_live TEXT;
      `);
    },
  },
  {
    version: 3,
    name: 'what the checklists of a schedule were expanded from',
    up(db) {
      db.exec(`ALTER TABLE schedules ADD COLUMN checklist_basis TEXT NOT NULL DEFAULT ''`);
    },
  },
  {
    version: 4,
    name: 'one write path: commits with their undo data, audit entries tied to their commit, stale schedules, team sync source',
    up(db) {
      db.exec(V4_SCHEMA);
    },
  },
  {
    version: 5,
    name: 'crews: shared teams that limit how many sites can be in a phase at once',
    up(db) {
      db.exec(`
        CREATE TABLE crews (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          size INTEGER NOT NULL CHECK (size >= 1),
          phase TEXT NOT NULL CHECK (phase IN ('prep', 'cutover', 'hypercare', 'rollout')),
          notes TEXT NOT NULL DEFAULT '',
          position INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 6,
    name: 'the days calendar events were last seen on, for iCalendar SEQUENCE',
    up(db) {
      db.exec(`
        CREATE TABLE calendar_events (
          event_key TEXT PRIMARY KEY,
          day TEXT NOT NULL,
          sequence INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 7,
    name: 'readiness packets the plan has sent, with their keys and the values sent',
    up(db) {
      db.exec(`
        CREATE TABLE sent_packets (
          id TEXT PRIMARY KEY,
          site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
          packet_key TEXT NOT NULL,
          sent_json TEXT NOT NULL,
          created_at TEXT NOT NULL,
          merged_at TEXT
        ) STRICT;
        CREATE INDEX sent_packets_site ON sent_packets (site_id);
      `);
    },
  },
  {
    version: 8,
    name: 'scenarios: named variants of the scheduling inputs; the order ERPs are brought in',
    up(db) {
      db.exec(`
        CREATE TABLE scenarios (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          changes_json TEXT NOT NULL,
          position INTEGER NOT NULL
        ) STRICT;
        ALTER TABLE plan ADD COLUMN erp_order_json TEXT NOT NULL DEFAULT '[]';
      `);
    },
  },
  {
    version: 9,
    name: 'team mode: the documents shared with a team server, what was sent and taken, what needs review; sites and ERPs keep their order by position',
    up(db) {
      db.exec(TEAM_SCHEMA);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Builds, on an empty database, the schema a plan file of `version` has. */
export function buildSchema(db: Database.Database, version: number): void {
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) migration.up(db);
}
