// Turns anything thrown by an API call into text for the user. Server messages are German
// and are shown as they are in both languages, by design of the API contract.
import type { Translate } from '../i18n/i18n.context.tsx';
import { ApiError, CLIENT_ERROR_CODES } from './api.client.ts';

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === CLIENT_ERROR_CODES.network) {
      return t('common.networkError');
    }
    return error.message;
  }
  return t('common.networkError');
}
