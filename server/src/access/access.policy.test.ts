import { describe, expect, it } from 'vitest';

import { decide, PERMISSIONS, permissionsOf } from './access.policy.ts';

describe('access policy', () => {
  it('denies everything to a user without roles and to a disabled user', () => {
    for (const permission of PERMISSIONS) {
      expect(decide({ roles: [], disabled: false }, permission).allowed).toBe(false);
      expect(
        decide({ roles: [{ role: 'communications', orgUnitId: null }], disabled: true }, permission)
          .allowed,
      ).toBe(false);
    }
  });

  it('names the role that granted an action', () => {
    const subject = {
      roles: [
        { role: 'online-team' as const, orgUnitId: null },
        { role: 'dpo' as const, orgUnitId: null },
      ],
      disabled: false,
    };
    expect(decide(subject, 'audit.read')).toEqual({ allowed: true, role: 'dpo' });
    expect(decide(subject, 'users.read')).toEqual({ allowed: true, role: 'online-team' });
    expect(decide(subject, 'users.manage')).toEqual({ allowed: false });
  });

  it('limits a unit-scoped grant to resources in that unit’s subtree', () => {
    const subject = {
      roles: [{ role: 'department-editor' as const, orgUnitId: 'amt61' }],
      disabled: false,
    };
    expect(
      decide(subject, 'org-units.read', { orgUnitPath: ['lhs', 'amt61', 'team'] }).allowed,
    ).toBe(true);
    expect(decide(subject, 'org-units.read', { orgUnitPath: ['lhs', 'amt32'] }).allowed).toBe(
      false,
    );
  });

  it('gives the dpo read access to privacy records but no management', () => {
    expect(permissionsOf({ roles: [{ role: 'dpo', orgUnitId: null }], disabled: false })).toEqual([
      'users.read',
      'org-units.read',
      'audit.read',
      'registry.read',
      'registry.dpia-sign-off',
      'registry.review',
      'tasks.read',
      'posts.read',
      'consent.read',
      'crisis.read',
      'inbox.read',
      'cases.read',
      'cases.deletion-log',
    ]);
    expect(
      permissionsOf({ roles: [{ role: 'communications', orgUnitId: null }], disabled: false }),
    ).not.toContain('registry.dpia-sign-off');
  });
});
