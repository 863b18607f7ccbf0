// Workspace-wide settings kept in hl_meta: the time zone in which timestamps
// without an offset are read, and the free-form metadata others store there.
import { IANAZone } from 'luxon';
import type { Workspace } from './database';
import type { DuckDBConnection } from '@duckdb/node-api';

export const DEFAULT_TIMEZONE = 'UTC';

export async function getMeta(ws: Workspace, key: string): Promise<string | null> {
  const rows = (await ws.connection.runAndReadAll(`SELECT value FROM hl_meta WHERE key = $1`, [key])).getRowObjectsJS();
  const value = rows[0]?.value;
  return value === undefined || value === null ? null : String(value);
}

export async function setMeta(ws: Workspace, key: string, value: string | null): Promise<void> {
  if (value === null) await ws.connection.run(`DELETE FROM hl_meta WHERE key = $1`, [key]);
  else await ws.connection.run(`INSERT OR REPLACE INTO hl_meta VALUES ($1, $2)`, [key, value]);
}

export function isValidTimezone(tz: string): boolean {
  return tz === 'UTC' || IANAZone.isValidZone(tz);
}

export class TimezoneError extends Error {
  override readonly name = 'TimezoneError';
}

/**
 * The workspace time zone (IANA name), default UTC: timestamps without an
 * offset, window dates, week keys and reps without their own zone are read in it.
 */
export async function getWorkspaceTimezone(ws: Workspace): Promise<string> {
  const value = ((await getMeta(ws, 'timezone')) ?? '').trim();
  if (value === '') return DEFAULT_TIMEZONE;
  if (!isValidTimezone(value)) {
    throw new TimezoneError(`The workspace time zone "${value}" is not a known time zone (use a name like Europe/Berlin).`);
  }
  return value;
}

export async function setWorkspaceTimezone(ws: Workspace, tz: string): Promise<void> {
  if (!isValidTimezone(tz)) {
    throw new RangeError(`"${tz}" is not a time zone name. Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  await setMeta(ws, 'timezone', tz);
}

/** The connection's current ICU time zone, so a caller can restore it after working in another. */
export async function sessionTimezone(connection: DuckDBConnection): Promise<string> {
  const rows = (await connection.runAndReadAll(`SELECT current_setting('TimeZone') AS tz`)).getRowObjectsJS();
  return String(rows[0]?.tz ?? DEFAULT_TIMEZONE);
}

/**
 * Run fn with the connection's TimeZone set to tz (naive timestamps are read in it,
 * date_trunc works in it), then put the previous zone back.
 */
export async function withSessionTimezone<T>(connection: DuckDBConnection, tz: string, fn: () => Promise<T>): Promise<T> {
  const previous = await sessionTimezone(connection);
  // SET takes no bound parameter; the zone name is quoted as a literal.
  await connection.run(`SET TimeZone = ${literal(tz)}`);
  try {
    return await fn();
  } finally {
    await connection.run(`SET TimeZone = ${literal(previous)}`);
  }
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
