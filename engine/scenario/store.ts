// Saved scenarios in the workspace (hl_scenarios). Every write runs in a
// transaction; bodies are validated on the way in and again on the way out,
// so a body edited by hand or written by an older build is reported by field
// instead of reaching the replay.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../workspace/database';
import { parseScenario, parseScenarioJson, type Scenario } from './schema';

export const MAX_SCENARIO_NAME = 120;

export interface SavedScenario {
  readonly name: string;
  readonly scenario: Scenario;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ScenarioListing {
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export class ScenarioStoreError extends Error {
  override readonly name = 'ScenarioStoreError';
  constructor(
    message: string,
    /** The field at fault, e.g. "name". */
    readonly field: string,
  ) {
    super(message);
  }
}

/** A trimmed, valid scenario name or a ScenarioStoreError saying what is allowed. */
export function checkScenarioName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string') throw new ScenarioStoreError(`${field}: must be text`, field);
  const trimmed = name.trim();
  if (trimmed === '') throw new ScenarioStoreError(`${field}: must not be empty`, field);
  if (trimmed.length > MAX_SCENARIO_NAME) throw new ScenarioStoreError(`${field}: must be at most ${MAX_SCENARIO_NAME} characters, got ${trimmed.length}`, field);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new ScenarioStoreError(`${field}: must not contain control characters (tabs, line breaks)`, field);
  return trimmed;
}

const SELECT_COLUMNS = `name, body, strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at,
  strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at`;

async function inTransaction<T>(conn: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await work();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

async function exists(conn: DuckDBConnection, name: string): Promise<boolean> {
  return (await conn.runAndReadAll(`SELECT 1 FROM hl_scenarios WHERE name = $1`, [name])).currentRowCount > 0;
}

function toSaved(row: Record<string, unknown>): SavedScenario {
  const name = String(row.name);
  return {
    name,
    scenario: parseScenarioJson(String(row.body), `saved scenario "${name}"`),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** The body as stored: the scenario with its `name` set to the saved name. */
function bodyFor(name: string, scenario: Scenario): string {
  return JSON.stringify({ ...scenario, name });
}

export class ScenarioStore {
  constructor(private readonly ws: Workspace) {}

  private get conn(): DuckDBConnection {
    return this.ws.connection;
  }

  /** Creates or replaces the scenario called `name`; `scenario` is validated first (ScenarioError by field). */
  async save(name: string, scenario: unknown): Promise<SavedScenario> {
    const n = checkScenarioName(name);
    const valid = parseScenario(scenario, `scenario "${n}"`);
    await inTransaction(this.conn, async () => {
      if (await exists(this.conn, n)) {
        await this.conn.run(`UPDATE hl_scenarios SET body = $2, updated_at = now() WHERE name = $1`, [n, bodyFor(n, valid)]);
      } else {
        await this.conn.run(`INSERT INTO hl_scenarios (name, body, created_at, updated_at) VALUES ($1, $2, now(), now())`, [n, bodyFor(n, valid)]);
      }
    });
    return this.getOrThrow(n);
  }

  /** Names and times, by name. Bodies are not read (a broken body does not break the list). */
  async list(): Promise<ScenarioListing[]> {
    const rows = (await this.conn.runAndReadAll(`SELECT ${SELECT_COLUMNS} FROM hl_scenarios ORDER BY lower(name), name`)).getRowObjectsJS();
    return rows.map((r) => ({ name: String(r.name), createdAt: String(r.created_at), updatedAt: String(r.updated_at) }));
  }

  /** The saved scenario, or null when there is none by that name. A stored body that no longer validates throws ScenarioError. */
  async get(name: string): Promise<SavedScenario | null> {
    const n = checkScenarioName(name);
    const rows = (await this.conn.runAndReadAll(`SELECT ${SELECT_COLUMNS} FROM hl_scenarios WHERE name = $1`, [n])).getRowObjectsJS();
    const row = rows[0];
    return row === undefined ? null : toSaved(row);
  }

  async getOrThrow(name: string): Promise<SavedScenario> {
    const got = await this.get(name);
    if (got === null) throw new ScenarioStoreError(`name: no saved scenario is called "${name.trim()}"`, 'name');
    return got;
  }

  /** Copies `from` to the new name `to` (which must be free). */
  async duplicate(from: string, to: string): Promise<SavedScenario> {
    const src = checkScenarioName(from, 'from');
    const dst = checkScenarioName(to, 'to');
    await inTransaction(this.conn, async () => {
      const original = await this.get(src);
      if (original === null) throw new ScenarioStoreError(`from: no saved scenario is called "${src}"`, 'from');
      if (await exists(this.conn, dst)) throw new ScenarioStoreError(`to: a scenario called "${dst}" already exists; pick another name`, 'to');
      await this.conn.run(`INSERT INTO hl_scenarios (name, body, created_at, updated_at) VALUES ($1, $2, now(), now())`, [dst, bodyFor(dst, original.scenario)]);
    });
    return this.getOrThrow(dst);
  }

  /** Renames, keeping created_at. */
  async rename(from: string, to: string): Promise<SavedScenario> {
    const src = checkScenarioName(from, 'from');
    const dst = checkScenarioName(to, 'to');
    await inTransaction(this.conn, async () => {
      const original = await this.get(src);
      if (original === null) throw new ScenarioStoreError(`from: no saved scenario is called "${src}"`, 'from');
      if (src === dst) return;
      if (await exists(this.conn, dst)) throw new ScenarioStoreError(`to: a scenario called "${dst}" already exists; pick another name`, 'to');
      // Primary keys cannot be updated in place in DuckDB: delete and re-insert with the old created_at.
      await this.conn.run(`DELETE FROM hl_scenarios WHERE name = $1`, [src]);
      await this.conn.run(
        `INSERT INTO hl_scenarios (name, body, created_at, updated_at) VALUES ($1, $2, $3::TIMESTAMPTZ, now())`,
        [dst, bodyFor(dst, original.scenario), original.createdAt],
      );
    });
    return this.getOrThrow(dst);
  }

  /** Deletes; true when something was deleted. */
  async delete(name: string): Promise<boolean> {
    const n = checkScenarioName(name);
    return inTransaction(this.conn, async () => {
      const had = await exists(this.conn, n);
      if (had) await this.conn.run(`DELETE FROM hl_scenarios WHERE name = $1`, [n]);
      return had;
    });
  }
}
