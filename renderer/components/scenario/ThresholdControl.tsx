// The MQL threshold: a slider (with the policy in force marked) and a number box.
import { useId } from 'react';
import type { Scenario } from '../../../engine/api/contract';
import { useApp, useServices } from '../../app/context';
import { requestThresholdCurve } from '../../app/scenario-actions';
import { setThreshold, threshold } from '../../app/scenario-edits';
import { curveKey } from '../../app/threshold-preview';
import { selectScenarioCurve } from '../../store/scenario-selectors';
import { NumberField } from './NumberField';
import { useEdit } from './useEdit';
import { useFieldError } from './useFieldError';

/** Slider bounds that fit the policy: room above the top tier and below zero-ish scores. */
export function thresholdBounds(s: Scenario, base: Scenario): { min: number; max: number } {
  const tiers = [...(s.tiers ?? []), ...(base.tiers ?? [])].map((t) => t.min_score);
  const t = Math.max(threshold(s), threshold(base));
  const max = Math.max(100, Math.ceil((Math.max(t, ...tiers) + 30) / 10) * 10);
  return { min: Math.min(0, Math.floor(threshold(s))), max };
}

export function ThresholdControl({ draft, baseline, big = false }: { readonly draft: Scenario; readonly baseline: Scenario; readonly big?: boolean }) {
  const id = useId();
  const edit = useEdit();
  const { platform, store } = useServices();
  // Taking up the slider asks for the draft's threshold curve, so the drag is previewed from it.
  const prefetch = () => void requestThresholdCurve(platform, store);
  const curve = useApp(selectScenarioCurve);
  const curveReady = curve !== null && curve.key === curveKey(draft);
  const error = useFieldError('mql.threshold');
  const value = threshold(draft);
  const base = threshold(baseline);
  const { min, max } = thresholdBounds(draft, baseline);
  return (
    <div className={`threshold-control${big ? ' big' : ''}`}>
      <div className="threshold-head">
        <label htmlFor={id} className="field-name">
          MQL threshold
        </label>
        <span className="threshold-value" data-testid="threshold-value">
          {value}
        </span>
      </div>
      <input
        id={id}
        type="range"
        className="range"
        data-testid="threshold-slider"
        data-curve={curveReady ? 'ready' : 'none'}
        min={min}
        max={max}
        step={1}
        value={value}
        aria-valuetext={`score ${value}${value === base ? ', the policy in force' : ''}`}
        aria-describedby={`${id}-scale`}
        onPointerDown={prefetch}
        onFocus={prefetch}
        onChange={(e) => {
          const v = Number(e.target.value);
          edit((d) => setThreshold(d, v), true);
        }}
      />
      <div id={`${id}-scale`} className="range-scale muted small">
        <span>{min}</span>
        <span>In force: {base}</span>
        <span>{max}</span>
      </div>
      {!big ? <NumberField label="Threshold score" hideLabel value={value} onCommit={(v) => v !== null && edit((d) => setThreshold(d, v))} testId="threshold-input" error={error} /> : error ? <span className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}
