// What crosses to a queue-simulation worker and back. Typed arrays are copied
// by structured clone; schedules travel as their specs and are rebuilt once per
// worker (a WorkSchedule keeps its interval tables, worth keeping across calls).
import { WorkSchedule, type ScheduleSpec } from '../calendar/business-hours';
import type { QueueMqls, QueueOptions, QueueReps, QueueResult } from './simulate';

export interface QueueSimInput {
  readonly reps: QueueReps;
  readonly mqls: QueueMqls;
  readonly options: QueueOptions;
}

export interface SimRequest {
  readonly id: number;
  readonly specs: readonly ScheduleSpec[];
  readonly reps: Omit<QueueReps, 'schedules'>;
  readonly mqls: QueueMqls;
  readonly options: QueueOptions;
}

export type SimReply = { readonly id: number; readonly result: QueueResult } | { readonly id: number; readonly error: string };

export function toRequest(id: number, input: QueueSimInput): SimRequest {
  const { schedules, ...reps } = input.reps;
  return { id, specs: schedules.map((s) => s.spec), reps, mqls: input.mqls, options: input.options };
}

/** Rebuilds the input on the worker's side; `schedules` keeps one WorkSchedule per spec across requests. */
export function fromRequest(req: SimRequest, schedules: Map<string, WorkSchedule>): QueueSimInput {
  const own = req.specs.map((spec) => {
    const key = JSON.stringify(spec);
    let s = schedules.get(key);
    if (!s) schedules.set(key, (s = new WorkSchedule(spec)));
    return s;
  });
  return { reps: { ...req.reps, schedules: own }, mqls: req.mqls, options: req.options };
}

export function resultTransfer(result: QueueResult): ArrayBuffer[] {
  return [result.contactAt.buffer, result.finalRep.buffer, result.flags.buffer, result.ignoreP.buffer] as ArrayBuffer[];
}
