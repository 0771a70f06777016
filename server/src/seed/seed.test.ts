import { expect, it } from 'vitest';

import { listOrgUnits } from '../access/org-units.service.ts';
import { listUsers } from '../access/users.service.ts';
import { verifyPassword } from '../access/passwords.ts';
import { findUserByEmail } from '../access/users.repository.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { DemoRefusedError, seedDemoUsers } from './demo.seed.ts';
import { seedOrganisation } from './stuttgart.seed.ts';

describeEachEngine('seeding', (get) => {
  it('seeds Stuttgart’s organisation once', async () => {
    const { db } = get();
    expect(await seedOrganisation(db)).toBe(true);
    expect(await seedOrganisation(db)).toBe(false);
    const units = await listOrgUnits(db);
    const byCode = new Map(units.map((u) => [u.code, u]));
    expect(byCode.get('LHS')).toMatchObject({ name: 'Landeshauptstadt Stuttgart', parentId: null });
    expect(byCode.get('OT')?.parentId).toBe(byCode.get('KOM')?.id);
    expect(units.filter((u) => u.kind === 'office').length).toBeGreaterThanOrEqual(5);
  });

  it('refuses demo accounts unless the instance is on localhost', async () => {
    await expect(seedDemoUsers(get().db, 'https://stadtfunk.stuttgart.de')).rejects.toBeInstanceOf(
      DemoRefusedError,
    );
    expect(await listUsers(get().db)).toEqual([]);
  });

  it('creates one demo account per role with a password that works, once', async () => {
    const { db } = get();
    const created = await seedDemoUsers(db, 'http://localhost:3000');
    expect(created.map((c) => c.role).sort()).toEqual([
      'agency',
      'communications',
      'crisis-approver',
      'department-editor',
      'dpo',
      'online-team',
    ]);
    const first = created[0];
    const row = first ? await findUserByEmail(db, first.email) : undefined;
    expect(await verifyPassword(row?.password_hash ?? '', first?.password ?? '')).toBe(true);
    expect(new Set(created.map((c) => c.password)).size).toBe(6);
    expect(await seedDemoUsers(db, 'http://127.0.0.1:3000')).toEqual([]);
  });
});
