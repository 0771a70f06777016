/**
 * The small error vocabulary of the API. Each error has a stable `code` for programs and a German
 * `message` for people; neither ever carries personal data or internals.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, message: 'Die Eingabe ist ungültig.' },
  invalid_json: { status: 400, message: 'Die Anfrage enthält kein gültiges JSON.' },
  unsupported_media_type: {
    status: 415,
    message: 'Dieses Datenformat wird nicht unterstützt. Bitte senden Sie JSON.',
  },
  payload_too_large: { status: 413, message: 'Die Anfrage ist zu groß.' },
  unauthenticated: { status: 401, message: 'Bitte melden Sie sich an.' },
  invalid_credentials: { status: 401, message: 'E-Mail-Adresse oder Passwort ist falsch.' },
  login_locked: {
    status: 429,
    message: 'Zu viele Fehlversuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut.',
  },
  csrf_invalid: {
    status: 403,
    message: 'Die Sicherheitsprüfung ist fehlgeschlagen. Bitte laden Sie die Seite neu.',
  },
  forbidden: { status: 403, message: 'Dazu fehlt Ihnen die Berechtigung.' },
  not_found: { status: 404, message: 'Das gesuchte Objekt gibt es nicht.' },
  route_not_found: { status: 404, message: 'Diese Adresse gibt es nicht.' },
  conflict: { status: 409, message: 'Das steht im Widerspruch zu vorhandenen Daten.' },
  token_invalid: {
    status: 400,
    message: 'Der Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.',
  },
  setup_done: { status: 409, message: 'Die Einrichtung ist bereits abgeschlossen.' },
  sso_failed: {
    status: 401,
    message: 'Die Anmeldung über Single Sign-on ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  },
  sso_not_configured: { status: 404, message: 'Single Sign-on ist nicht eingerichtet.' },
  rate_limited: {
    status: 429,
    message: 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
  },
  not_ready: { status: 503, message: 'Der Dienst ist noch nicht bereit.' },
  webhook_signature_invalid: {
    status: 401,
    message: 'Die Signatur der Benachrichtigung fehlt oder ist ungültig.',
  },
  platform_failed: {
    status: 502,
    message:
      'Die Plattform hat die Anfrage nicht beantwortet. Bitte versuchen Sie es später erneut.',
  },
  internal: {
    status: 500,
    message: 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Path of the offending field, e.g. `roles.0.orgUnitId`; never the value itself. */
  readonly path: string;
  readonly message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    const entry = ERROR_CODES[code];
    super(message ?? entry.message);
    this.name = 'AppError';
    this.status = entry.status;
  }
}

export const notFound = (message?: string): AppError => new AppError('not_found', message);
export const forbidden = (message?: string): AppError => new AppError('forbidden', message);
export const conflict = (message?: string): AppError => new AppError('conflict', message);
export const invalid = (details: readonly ErrorDetail[], message?: string): AppError =>
  new AppError('validation_failed', message, details);
