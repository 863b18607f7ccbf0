// The workspace time zone (hl_meta 'timezone', default UTC): dates in windows,
// week keys and reps without their own zone are read in it.
import { IANAZone } from 'luxon';
import type { Workspace } from '../workspace/database';

export const DEFAULT_TIMEZONE = 'UTC';

export class TimezoneError extends Error {
  override readonly name = 'TimezoneError';
}

export async function readWorkspaceTimezone(ws: Workspace): Promise<string> {
  const row = (await ws.connection.runAndReadAll(`SELECT value FROM hl_meta WHERE key = 'timezone'`)).getRowObjectsJS()[0];
  const value = typeof row?.value === 'string' ? row.value.trim() : '';
  if (value === '') return DEFAULT_TIMEZONE;
  if (value !== 'UTC' && !IANAZone.isValidZone(value)) {
    throw new TimezoneError(`The workspace time zone "${value}" is not a known time zone (use a name like Europe/Berlin).`);
  }
  return value;
}
