import { useCallback, useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../api.js';
import { allows, type CurrentToken, type Role } from './settings-types.js';

/** A failed change: the API's message, led by the field it names. */
export interface Failure {
  message: string;
  field?: string;
}

function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    return { message: error.message, ...(error.field !== undefined ? { field: error.field } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs a change: `busy` while it runs, the API's refusal kept to show next to the form, and a
 * refused token (401) signs the user out as on every page.
 */
export function useAction(onUnauthorized: () => void): {
  busy: boolean;
  failure: Failure | undefined;
  run: (work: () => Promise<void>) => Promise<boolean>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setFailure(undefined);
      try {
        await work();
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          onUnauthorized();
        } else {
          setFailure(failureOf(error));
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onUnauthorized]
  );
  return { busy, failure, run, clear: () => setFailure(undefined) };
}

export function FailureNote({ failure, id }: { failure: Failure | undefined; id?: string }) {
  if (failure === undefined) {
    return null;
  }
  const { field, message } = failure;
  const named = field !== undefined && !message.startsWith(`${field}:`);
  return (
    <p role="alert" className="error" id={id}>
      {named && <strong>{field}: </strong>}
      {message}
    </p>
  );
}

/** Why a change is not offered: the signed-in token's role is below what the API needs. */
export function RoleNote({
  who,
  needed,
  what,
}: {
  who: CurrentToken | undefined;
  needed: Role;
  what: string;
}) {
  if (who === undefined || allows(who, needed)) {
    return null;
  }
  return (
    <p className="role-note" data-testid="role-note">
      Your token ({who.name}) has the {who.role} role; {what} needs the {needed} role.
    </p>
  );
}

/**
 * A destructive action in two steps: the button asks, then a confirmation names what goes, with
 * the focus on Cancel so a second Enter does not destroy anything.
 */
export function ConfirmButton({
  label,
  subject,
  question,
  disabled = false,
  onConfirm,
}: {
  label: string;
  /** What it acts on, for the button's accessible name: rows of a table each have one. */
  subject: string;
  /** What will happen, as a question. */
  question: string;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        aria-label={`${label} ${subject}`}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes, {label.toLowerCase()}
      </button>
      <button type="button" autoFocus onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** Copies text, saying whether it worked; a browser that refuses leaves the text to select. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [said, setSaid] = useState<string>();
  return (
    <>
      <button
        type="button"
        onClick={() => {
          navigator.clipboard
            .writeText(text)
            .then(() => setSaid('Copied.'))
            .catch(() => setSaid('The browser refused; select the text and copy it.'));
        }}
      >
        {label}
      </button>
      <span role="status" className="muted">
        {said}
      </span>
    </>
  );
}

/** A secret the API shows once: read-only, copyable, with the warning, until dismissed. */
export function SecretOnce({
  label,
  value,
  children,
  onDone,
}: {
  label: string;
  value: string;
  children?: ReactNode;
  onDone: () => void;
}) {
  const id = useId();
  return (
    <section className="secret-once" aria-label={`${label}, shown once`}>
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={value} />
      </div>
      <p className="warning">
        <strong>It will not be shown again.</strong> Copy it now and keep it somewhere safe.
      </p>
      {children}
      <button type="button" onClick={onDone}>
        I have saved it
      </button>
    </section>
  );
}

/**
 * A labelled select. The label is outside the select: a label around it would put the chosen
 * option into the select's accessible name.
 */
export function SelectField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
