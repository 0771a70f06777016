import { describe, expect, it } from 'vitest';

import { canPublishOn, mayApprove, needsApproval, statusAfterEdit } from './posts.rules.ts';

const unitScope = { orgUnitIds: ['amt61'], channelIds: [] };
const ownChannel = { channel_id: 'c1', org_unit_id: 'amt61', self_publishing: false };
const ownSelfPublishing = { ...ownChannel, channel_id: 'c2', self_publishing: true };
const otherSelfPublishing = { channel_id: 'c3', org_unit_id: 'amt10', self_publishing: true };

describe('publishing rules (concept §3)', () => {
  it('lets communications and the online team publish everywhere', () => {
    for (const role of ['communications', 'online-team'] as const) {
      expect(canPublishOn([{ role, orgUnitId: null }], 'all', otherSelfPublishing)).toBe(true);
    }
  });

  it('lets a department editor publish only on self-publishing channels of their unit', () => {
    const editor = [{ role: 'department-editor' as const, orgUnitId: 'amt61' }];
    expect(canPublishOn(editor, unitScope, ownSelfPublishing)).toBe(true);
    expect(canPublishOn(editor, unitScope, ownChannel)).toBe(false);
    expect(canPublishOn(editor, unitScope, otherSelfPublishing)).toBe(false);
    expect(needsApproval(editor, unitScope, [ownSelfPublishing, ownChannel])).toBe(true);
    expect(needsApproval(editor, unitScope, [ownSelfPublishing])).toBe(false);
  });

  it('never lets an agency publish, not even on a self-publishing channel', () => {
    const agency = [{ role: 'agency' as const, orgUnitId: null }];
    const assigned = { orgUnitIds: [], channelIds: ['c2'] };
    expect(canPublishOn(agency, assigned, ownSelfPublishing)).toBe(false);
  });

  it('reserves approval to communications and forbids approving one’s own post', () => {
    const comms = { id: 'u1', roles: [{ role: 'communications' as const, orgUnitId: null }] };
    const team = { id: 'u2', roles: [{ role: 'online-team' as const, orgUnitId: null }] };
    expect(mayApprove(comms, { created_by: 'u9', submitted_by: 'u9' })).toBe('yes');
    expect(mayApprove(comms, { created_by: 'u1', submitted_by: 'u9' })).toBe('own-post');
    expect(mayApprove(comms, { created_by: 'u9', submitted_by: 'u1' })).toBe('own-post');
    expect(mayApprove(team, { created_by: 'u9', submitted_by: 'u9' })).toBe('not-approver');
  });

  it('returns an approved post to review when someone who needs approval edits it', () => {
    expect(statusAfterEdit('scheduled', true)).toBe('in-review');
    expect(statusAfterEdit('approved', true)).toBe('in-review');
    expect(statusAfterEdit('scheduled', false)).toBe('scheduled');
    expect(statusAfterEdit('draft', true)).toBe('draft');
  });
});
