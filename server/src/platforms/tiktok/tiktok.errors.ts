import { z } from 'zod';

import type { PlatformFailure } from '../connector.ts';
import { classifyHttpFailure, classifyNetworkFailure, parseRetryAfter } from '../failure.ts';
import type { RequestKind } from '../failure.ts';

/**
 * Where a TikTok request went: the Open API (`{ data, error: { code, message, log_id } }`), the
 * OAuth token endpoint (`{ error, error_description, log_id }`) or an upload URL (no JSON body).
 */
export type TikTokPhase = 'api' | 'token' | 'upload';

const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    log_id: z.string().optional(),
  }),
});

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** The user must reconnect: the token is dead or lacks a scope the user did not grant. */
const AUTH_CODES = new Set(['access_token_invalid', 'scope_not_authorized']);

/**
 * Refusals with a person-readable German reason. A retry cannot help; someone must change the
 * post, the account or the app (audit, verified domain).
 */
const REJECT_REASONS: Readonly<Record<string, string>> = {
  spam_risk_too_many_posts:
    'TikTok hat die Tagesgrenze für Beiträge dieses Kontos erreicht. Bitte planen Sie den Beitrag später ein.',
  spam_risk_user_banned_from_posting: 'Das TikTok-Konto ist vom Veröffentlichen ausgeschlossen.',
  reached_active_user_cap:
    'Die TikTok-App hat ihre Nutzergrenze für 24 Stunden erreicht (ungeprüfte App: höchstens fünf Konten).',
  privacy_level_option_mismatch:
    'Die gewählte Sichtbarkeit bietet TikTok für dieses Konto derzeit nicht an.',
  unaudited_client_can_only_post_to_private_accounts:
    'Die TikTok-App ist noch nicht geprüft: Sie darf nur privat („Nur ich“) und nur in private Konten posten.',
  url_ownership_unverified:
    'Die Domain der Medien-URL ist bei TikTok nicht als eigene Domain bestätigt.',
  invalid_param: 'TikTok hat die Anfrage als ungültig abgelehnt.',
  invalid_params: 'TikTok hat die Anfrage als ungültig abgelehnt.',
  invalid_file_upload: 'TikTok hat die hochgeladene Datei abgelehnt.',
  scope_permission_missed:
    'Der TikTok-App fehlt eine freigegebene Berechtigung; sie muss bei TikTok beantragt werden.',
};

/** Why a publish ended FAILED (`fail_reason` of the status endpoint), in German. */
const FAIL_REASONS: Readonly<Record<string, string>> = {
  file_format_check_failed: 'TikTok konnte das Dateiformat nicht verarbeiten.',
  duration_check_failed: 'Das Video ist für TikTok zu kurz oder zu lang.',
  frame_rate_check_failed: 'Die Bildrate des Videos wird von TikTok nicht unterstützt.',
  picture_size_check_failed: 'Die Auflösung wird von TikTok nicht unterstützt.',
  video_pull_failed: 'TikTok konnte das Video nicht von der angegebenen URL laden.',
  photo_pull_failed: 'TikTok konnte die Fotos nicht von den angegebenen URLs laden.',
  publish_cancelled: 'Die Veröffentlichung wurde abgebrochen.',
  spam_risk_too_many_posts: REJECT_REASONS['spam_risk_too_many_posts'] ?? '',
  spam_risk_user_banned_from_posting: REJECT_REASONS['spam_risk_user_banned_from_posting'] ?? '',
  spam_risk_text: 'TikTok hat den Text als Spam eingestuft.',
  spam_risk: 'TikTok hat den Beitrag als Spam eingestuft.',
};

export interface TikTokResponseFacts {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: string | null;
}

/** The machine code of an Open API answer; `ok` (even on HTTP 200) means success. */
export function apiErrorCode(body: unknown): string | null {
  const parsed = apiErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.error.code : null;
}

/**
 * Classifies a TikTok answer by its machine code, falling back to the HTTP status; never by
 * message text. access_token_invalid / scope_not_authorized → auth-expired (the user must
 * reconnect and grant the scope); rate_limit_exceeded → rate-limited; internal_error →
 * transient; spam, privacy, audit and parameter codes → rejected with a German reason.
 */
export function classifyTikTokResponse(
  facts: TikTokResponseFacts,
  phase: TikTokPhase,
  kind: RequestKind,
  now: Date = new Date(),
): PlatformFailure {
  const retryAfterSeconds = parseRetryAfter(facts.retryAfter, now);
  if (phase === 'token') {
    const oauth = oauthErrorSchema.safeParse(facts.body);
    if (oauth.success && facts.status < 500) {
      const platformCode = `oauth-${oauth.data.error}`;
      // invalid_grant: the code or refresh token is spent, expired or revoked.
      return oauth.data.error === 'invalid_grant'
        ? { kind: 'auth-expired', platformCode }
        : {
            kind: 'rejected',
            reason: `TikTok lehnt die Anmeldung der App ab (${oauth.data.error}).`,
            platformCode,
          };
    }
  }
  const parsed = phase === 'api' ? apiErrorSchema.safeParse(facts.body) : null;
  const code = parsed?.success === true ? parsed.data.error.code : null;
  if (code !== null && code !== 'ok') {
    if (AUTH_CODES.has(code)) {
      return { kind: 'auth-expired', platformCode: code };
    }
    if (code === 'rate_limit_exceeded') {
      return { kind: 'rate-limited', retryAfterSeconds };
    }
    if (code === 'internal_error') {
      return { kind: 'transient', platformCode: code };
    }
    const reason = REJECT_REASONS[code];
    if (reason !== undefined) {
      return { kind: 'rejected', reason, platformCode: code };
    }
  }
  const message = parsed?.success === true ? parsed.data.error.message : undefined;
  return classifyHttpFailure(
    {
      status: facts.status,
      platformCode: code,
      retryAfterSeconds,
      reason:
        message !== undefined && message !== ''
          ? `TikTok: ${message}`
          : `TikTok antwortete mit HTTP ${facts.status}.`,
    },
    kind,
  );
}

/**
 * A publish that ended FAILED. `internal` is TikTok's own hiccup and nothing was posted, so a new
 * attempt is safe (transient); `auth_removed` means the user withdrew the app's access.
 */
export function classifyFailReason(failReason: string | null): PlatformFailure {
  const code = failReason ?? 'unknown';
  if (code === 'internal') {
    return { kind: 'transient', platformCode: code };
  }
  if (code === 'auth_removed') {
    return { kind: 'auth-expired', platformCode: code };
  }
  return {
    kind: 'rejected',
    reason: FAIL_REASONS[code] ?? `TikTok hat den Beitrag nicht veröffentlicht (${code}).`,
    platformCode: code,
  };
}

/** Maps a request that got no answer; programming errors are rethrown, not classified. */
export function tiktokNetworkFailure(error: unknown, kind: RequestKind): PlatformFailure {
  const failure = classifyNetworkFailure(error, kind);
  if (failure === null) {
    throw error;
  }
  return failure;
}
