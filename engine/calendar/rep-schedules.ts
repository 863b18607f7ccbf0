// One WorkSchedule per rep, built once from the reps table: the rep's time zone
// and working hours, defaulting field by field to 09:00-17:00 Monday-Friday in
// the workspace time zone. Reps with the same hours share one schedule object,
// so its interval table is computed once.
import type { Workspace } from '../workspace/database';
import { defaultScheduleSpec, parseClock, ScheduleSpec, WEEKDAYS_MON_FRI, WorkSchedule } from './business-hours';
import { IANAZone } from 'luxon';

export interface RepScheduleRow {
  readonly repId: string;
  readonly timezone: string | null;
  readonly workStart: string | null;
  readonly workEnd: string | null;
}

export interface RepSchedules {
  /** The schedule of a rep; reps without a reps row (or no rep at all) get the default. */
  forRep(repId: string | null): WorkSchedule;
  readonly fallback: WorkSchedule;
  /** Plain-words notes about reps rows whose values could not be used. */
  readonly warnings: readonly string[];
}

export function buildRepSchedules(rows: readonly RepScheduleRow[], workspaceTimezone: string): RepSchedules {
  const shared = new Map<string, WorkSchedule>();
  const scheduleFor = (spec: ScheduleSpec): WorkSchedule => {
    const key = `${spec.timezone}|${spec.startMinute}|${spec.endMinute}|${spec.weekdays.join(',')}`;
    let s = shared.get(key);
    if (!s) {
      s = new WorkSchedule(spec);
      shared.set(key, s);
    }
    return s;
  };
  const base = defaultScheduleSpec(workspaceTimezone);
  const fallback = scheduleFor(base);
  const byRep = new Map<string, WorkSchedule>();
  const badZone: string[] = [];
  const badClock: string[] = [];
  for (const row of rows) {
    if (byRep.has(row.repId)) continue; // a duplicated rep id: the first row wins
    const tz = row.timezone?.trim() ? row.timezone.trim() : workspaceTimezone;
    const zoneOk = IANAZone.isValidZone(tz);
    if (!zoneOk) badZone.push(row.repId);
    const start = row.workStart?.trim() ? parseClock(row.workStart) : base.startMinute;
    const end = row.workEnd?.trim() ? parseClock(row.workEnd) : base.endMinute;
    if (start === null || end === null) badClock.push(row.repId);
    byRep.set(
      row.repId,
      scheduleFor({
        timezone: zoneOk ? tz : workspaceTimezone,
        startMinute: start ?? base.startMinute,
        endMinute: end ?? base.endMinute,
        weekdays: WEEKDAYS_MON_FRI,
      }),
    );
  }
  const warnings: string[] = [];
  if (badZone.length > 0) warnings.push(`${listNames(badZone)}: unknown time zone in the reps table, so the workspace time zone was used.`);
  if (badClock.length > 0) warnings.push(`${listNames(badClock)}: work_start/work_end is not a HH:MM time, so 09:00-17:00 was used.`);
  return { forRep: (id) => (id === null ? fallback : (byRep.get(id) ?? fallback)), fallback, warnings };
}

function listNames(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `Reps ${shown} and ${ids.length - 5} more` : `Rep${ids.length > 1 ? 's' : ''} ${shown}`;
}

export async function readRepSchedules(ws: Workspace, workspaceTimezone: string): Promise<RepSchedules> {
  const rows = (
    await ws.connection.runAndReadAll(
      `SELECT rep_id, timezone, work_start, work_end FROM reps WHERE rep_id IS NOT NULL ORDER BY rep_id, timezone NULLS LAST, work_start NULLS LAST, work_end NULLS LAST`,
    )
  )
    .getRowObjectsJS()
    .map((r) => ({
      repId: String(r.rep_id),
      timezone: typeof r.timezone === 'string' ? r.timezone : null,
      workStart: typeof r.work_start === 'string' ? r.work_start : null,
      workEnd: typeof r.work_end === 'string' ? r.work_end : null,
    }));
  return buildRepSchedules(rows, workspaceTimezone);
}
