import { describe, expect, it } from 'vitest';

import {
  classifyFailReason,
  classifyTikTokResponse,
  tiktokNetworkFailure,
} from './tiktok.errors.ts';
import { publicIds } from './tiktok.lookup.ts';

const body = (code: string, message = 'whatever'): unknown => ({
  data: {},
  error: { code, message, log_id: 'L' },
});

describe('classifyTikTokResponse', () => {
  it('decides by error.code, not by message or status alone', () => {
    expect(
      classifyTikTokResponse(
        { status: 401, body: body('access_token_invalid'), retryAfter: null },
        'api',
        'read',
      ),
    ).toEqual({ kind: 'auth-expired', platformCode: 'access_token_invalid' });
    // A 200 that carries an error code is still that error.
    expect(
      classifyTikTokResponse(
        { status: 200, body: body('spam_risk_too_many_posts'), retryAfter: null },
        'api',
        'write',
      ),
    ).toMatchObject({ kind: 'rejected', platformCode: 'spam_risk_too_many_posts' });
    expect(
      classifyTikTokResponse(
        { status: 403, body: body('mystery', 'spam_risk_too_many_posts'), retryAfter: null },
        'api',
        'write',
      ),
    ).toEqual({
      kind: 'rejected',
      reason: 'TikTok: spam_risk_too_many_posts',
      platformCode: 'mystery',
    });
  });

  it('maps rate limits, internal errors, app-review and parameter codes', () => {
    expect(
      classifyTikTokResponse(
        { status: 429, body: body('rate_limit_exceeded'), retryAfter: '7' },
        'api',
        'read',
      ),
    ).toEqual({ kind: 'rate-limited', retryAfterSeconds: 7 });
    expect(
      classifyTikTokResponse(
        { status: 500, body: body('internal_error'), retryAfter: null },
        'api',
        'write',
      ),
    ).toEqual({ kind: 'transient', platformCode: 'internal_error' });
    for (const code of [
      'spam_risk_user_banned_from_posting',
      'privacy_level_option_mismatch',
      'unaudited_client_can_only_post_to_private_accounts',
      'invalid_param',
      'url_ownership_unverified',
      'scope_permission_missed',
    ]) {
      expect(
        classifyTikTokResponse({ status: 403, body: body(code), retryAfter: null }, 'api', 'write'),
      ).toMatchObject({ kind: 'rejected', platformCode: code });
    }
    // A gateway error on a write without TikTok's body: the post may exist.
    expect(
      classifyTikTokResponse({ status: 504, body: undefined, retryAfter: null }, 'upload', 'write'),
    ).toEqual({ kind: 'outcome-unknown' });
  });

  it('reads OAuth errors: invalid_grant → auth-expired, invalid_client → rejected', () => {
    const grant = { error: 'invalid_grant', error_description: 'expired', log_id: 'L' };
    expect(
      classifyTikTokResponse({ status: 200, body: grant, retryAfter: null }, 'token', 'read'),
    ).toEqual({
      kind: 'auth-expired',
      platformCode: 'oauth-invalid_grant',
    });
    expect(
      classifyTikTokResponse(
        { status: 401, body: { error: 'invalid_client' }, retryAfter: null },
        'token',
        'read',
      ),
    ).toMatchObject({ kind: 'rejected', platformCode: 'oauth-invalid_client' });
  });

  it('maps fail_reason of a FAILED publish', () => {
    expect(classifyFailReason('internal')).toEqual({ kind: 'transient', platformCode: 'internal' });
    expect(classifyFailReason('auth_removed')).toEqual({
      kind: 'auth-expired',
      platformCode: 'auth_removed',
    });
    expect(classifyFailReason('duration_check_failed')).toMatchObject({
      kind: 'rejected',
      platformCode: 'duration_check_failed',
    });
  });

  it('keeps int64 post ids exact and rethrows programming errors', () => {
    const raw =
      '{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7380080137682881835]}}';
    expect(publicIds(raw)).toEqual(['7380080137682881835']);
    expect(publicIds('{"data":{"publicaly_available_post_id":[]}}')).toEqual([]);
    expect(() => tiktokNetworkFailure(new RangeError('bug'), 'write')).toThrow(RangeError);
  });
});
