// Pre-flight checks: business email and required lead fields.
import { memo } from 'react';
import { LEAD_FIELDS } from '../../../engine/api/contract';
import { setRequireBusinessEmail, toggleRequiredField } from '../../app/scenario-edits';
import { humanize } from '../../charts/format';
import { useEdit } from './useEdit';
import { useFieldError } from './useFieldError';

/** Pre-flight checks: a lead failing one goes to a data-completion queue (counted, not routed). */
export const PreflightChecks = memo(function PreflightChecks({
  businessEmail,
  requiredFields,
}: {
  readonly businessEmail: boolean | undefined;
  readonly requiredFields: readonly string[] | undefined;
}) {
  const edit = useEdit();
  const emailError = useFieldError('mql.require_business_email');
  const fieldsError = useFieldError('mql.require_fields');
  const required = new Set(requiredFields ?? []);
  return (
    <details className="scn-group scn-details">
      <summary className="scn-group-title">Pre-flight checks</summary>
      <p className="scn-group-hint muted">A lead failing a check goes to a data-completion queue: counted, not handed off.</p>
      <label className="check-field">
        <input
          type="checkbox"
          checked={businessEmail ?? false}
          onChange={(e) => {
            const on = e.target.checked;
            edit((d) => setRequireBusinessEmail(d, on));
          }}
          data-testid="require-business-email"
        />
        <span>Require a business email (not a free address)</span>
      </label>
      {emailError ? (
        <span className="field-error" role="alert">
          {emailError}
        </span>
      ) : null}
      <fieldset className="check-grid">
        <legend className="field-name">Require these lead fields</legend>
        {LEAD_FIELDS.map((f) => (
          <label key={f} className="check-field">
            <input
              type="checkbox"
              checked={required.has(f)}
              onChange={(e) => {
                const on = e.target.checked;
                edit((d) => toggleRequiredField(d, f, on, LEAD_FIELDS));
              }}
              data-testid={`require-${f}`}
            />
            <span>{humanize(f)}</span>
          </label>
        ))}
      </fieldset>
      {fieldsError ? (
        <span className="field-error" role="alert">
          {fieldsError}
        </span>
      ) : null}
    </details>
  );
});
