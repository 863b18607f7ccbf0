// The health screen's data types, taken from the EngineApi contract (the
// renderer may not import engine internals, only engine/api).
import type { EngineParams, EngineResults } from '../../engine/api/contract';

export type HealthMetrics = EngineResults['metrics'];
export type MetricSet = HealthMetrics['metrics'];
export type MetricName = keyof MetricSet;
export type MetricValue = MetricSet[MetricName];
export type SegmentEntry = HealthMetrics['segments']['tier'][number];
export type RejectionMix = HealthMetrics['rejection_reasons']['overall'];
export type ContactHistogram = EngineResults['contactHistogram'];
export type MetricsRequest = EngineParams<'metrics'>;
