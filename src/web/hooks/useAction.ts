import { useCallback, useState } from 'react';
import { errorField, errorMessage } from '../api/errorMessage';

export interface ActionError {
  message: string;
  /** The field a 400 names: the form shows the message under that field instead of above the form. */
  field?: string;
}

/**
 * The one way a page runs something the user asked for: `busy` while it runs (buttons disabled), the previous
 * error cleared when it starts, the failure turned into its message (`errorMessage`). `run` resolves `true`
 * when the action went through, `false` when it failed (it never rejects). `fail` shows the error of a
 * load that did not go through `run`; `setError` a refusal the page decides itself.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setErrorState] = useState<ActionError | null>(null);
  const run = useCallback(async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setErrorState(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setErrorState({ message: errorMessage(err), field: errorField(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const fail = useCallback((err: unknown) => setErrorState({ message: errorMessage(err), field: errorField(err) }), []);
  const setError = useCallback((message: string | null) => setErrorState(message ? { message } : null), []);
  return {
    run,
    busy,
    /** The message, whatever it concerns. */
    error: error?.message ?? null,
    /** The message when it names no field (shown above the form). */
    formError: error && !error.field ? error.message : null,
    /** The message when it names this field. */
    fieldError: (field: string) => (error?.field === field ? error.message : null),
    fail,
    setError,
  };
}
