import i18n from '../i18n';
import { ApiError } from './client';

/**
 * What a failed request says to the user, in the interface's language. The server already words its refusals
 * in the user's language (`src/server/http/messages.ts`); a network failure or an error thrown in the page
 * itself (a bug) gets the interface's own sentence. Every page shows errors through this (or `useAction`).
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'network' ? i18n.t('common:errors.network') : err.message;
  return i18n.t('common:errors.unexpected');
}

/** The field a refusal names (a 400 on one field), if any. */
export function errorField(err: unknown): string | undefined {
  return err instanceof ApiError ? err.field : undefined;
}
