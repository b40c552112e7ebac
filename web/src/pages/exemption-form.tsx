import { useId, useState } from 'react';
import { ApiError, sendJson } from '../api.js';
import type { Exemption, ExemptionCategory } from '../types.js';

export const categoryLabels: Record<ExemptionCategory, string> = {
  mitigated: 'Mitigated (a control elsewhere covers it)',
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
};

/** What is being exempted, as the API takes it, and how to say it to a person. */
export interface ExemptionScope {
  check: string;
  clusterId?: string;
  resource?: string;
  /** `web in shop on prod`, `every failing resource of pss-privileged on every cluster`. */
  describe: string;
}

/**
 * Exempt a check's failing resources: a reason category, a reason (required) and an optional
 * expiry date. The API's refusal (a date in the past) is shown as it says it.
 */
export function ExemptionForm({
  scope,
  onDone,
  onCancel,
}: {
  scope: ExemptionScope;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [category, setCategory] = useState<ExemptionCategory>('mitigated');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { describe, ...target } = scope;
      await sendJson<Exemption>('POST', '/api/v1/exemptions', {
        ...target,
        category,
        reason: reason.trim(),
        ...(expires !== '' ? { expiresAt: expires } : {}),
      });
      onDone(`Exempted ${describe}.`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <form
      className="exemption-form"
      aria-label={`Exempt ${scope.describe}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="muted">Exempt {scope.describe}</p>
      <label htmlFor={`${id}-category`}>Reason category</label>
      <select
        id={`${id}-category`}
        value={category}
        onChange={(event) => setCategory(event.target.value as ExemptionCategory)}
      >
        {Object.entries(categoryLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        rows={2}
        maxLength={2048}
        onChange={(event) => setReason(event.target.value)}
      />
      <label htmlFor={`${id}-expires`}>Expires on (optional)</label>
      <input
        id={`${id}-expires`}
        type="date"
        value={expires}
        onChange={(event) => setExpires(event.target.value)}
      />
      <div className="actions">
        <button type="submit" disabled={busy || reason.trim() === ''}>
          Save exemption
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
