// How each canonical column kind is read from text and what a person is told
// when a value does not fit: one place, so the CSV and the generic paths agree.
import type { ColumnKind } from '../workspace/tables';

/** Type the reader parses a column into while staging. Integers go through DOUBLE so 2.5 is caught, not rounded. */
export const STAGE_TYPE: Readonly<Record<ColumnKind, string>> = {
  string: 'VARCHAR',
  timestamp: 'TIMESTAMPTZ',
  integer: 'DOUBLE',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  clock: 'VARCHAR',
};

/** Kinds the reader itself parses (and so can reject); the rest are checked after staging. */
export function parsedByReader(kind: ColumnKind): boolean {
  return kind === 'timestamp' || kind === 'integer' || kind === 'number' || kind === 'boolean' || kind === 'date';
}

/** HH:MM, 24-hour, seconds allowed and dropped. */
export const CLOCK_PATTERN = '([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?';

/** What was wrong with a value and how to write it, for each kind. */
export function kindAdvice(kind: ColumnKind, timezone: string): string {
  switch (kind) {
    case 'timestamp':
      return `is not a date and time. Write it in ISO 8601, for example 2025-03-14 09:30 or 2025-03-14T09:30:00+01:00 (a value without an offset is read in the workspace time zone, ${timezone}).`;
    case 'integer':
      return 'is not a whole number. Use digits only, without thousands separators, decimals or units, for example 250.';
    case 'number':
      return 'is not a number. Use digits with a dot for decimals and no currency sign or thousands separator, for example 1250.50.';
    case 'boolean':
      return 'is not a yes/no value. Use true or false (yes/no and 1/0 also work).';
    case 'date':
      return 'is not a date. Write it as YYYY-MM-DD, for example 2025-03-14.';
    case 'clock':
      return 'is not a clock time. Write it as HH:MM in 24-hour form, for example 09:00 or 17:30.';
    case 'string':
      return 'could not be read as text.';
  }
}
