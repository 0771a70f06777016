import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { findOrgUnitByCode } from '../access/org-units.repository.ts';
import { hashPassword } from '../access/passwords.ts';
import { findUserByEmail, insertUserRow, replaceUserRoles } from '../access/users.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import type { Role } from '../shared/enum.ts';

export class DemoRefusedError extends Error {
  constructor() {
    super('„npm run demo“ läuft nur, wenn PUBLIC_URL auf localhost zeigt.');
    this.name = 'DemoRefusedError';
  }
}

const DEMO_USERS: readonly { role: Role; unit: string; email: string; name: string }[] = [
  {
    role: 'communications',
    unit: 'KOM',
    email: 'kommunikation@demo.invalid',
    name: 'Demo Kommunikation',
  },
  { role: 'online-team', unit: 'OT', email: 'online-team@demo.invalid', name: 'Demo Online-Team' },
  {
    role: 'department-editor',
    unit: 'AMT61',
    email: 'redaktion@demo.invalid',
    name: 'Demo Redaktion Amt 61',
  },
  { role: 'agency', unit: 'KOM', email: 'agentur@demo.invalid', name: 'Demo Agentur' },
  { role: 'dpo', unit: 'LHS', email: 'datenschutz@demo.invalid', name: 'Demo Datenschutz' },
  {
    role: 'crisis-approver',
    unit: 'AMT37',
    email: 'krisenfreigabe@demo.invalid',
    name: 'Demo Krisenfreigabe',
  },
];

export function isLocalUrl(publicUrl: string): boolean {
  const host = new URL(publicUrl).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * One user per role with a generated password, returned once for printing. Demo data only:
 * refused unless the instance is reachable on localhost alone.
 */
export async function seedDemoUsers(
  db: Kysely<Database>,
  publicUrl: string,
): Promise<{ email: string; role: Role; password: string }[]> {
  if (!isLocalUrl(publicUrl)) {
    throw new DemoRefusedError();
  }
  const created: { email: string; role: Role; password: string }[] = [];
  for (const demo of DEMO_USERS) {
    if ((await findUserByEmail(db, demo.email)) !== undefined) {
      continue;
    }
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const unit = await findOrgUnitByCode(trx, demo.unit);
      const user = await insertUserRow(trx, {
        email: demo.email,
        display_name: demo.name,
        locale: 'de',
        password_hash: passwordHash,
        auth_provider: 'local',
        oidc_subject: null,
        locked_until: null,
        last_login_at: null,
      });
      const scoped = demo.role === 'department-editor';
      await replaceUserRoles(trx, user.id, [
        { role: demo.role, orgUnitId: scoped ? (unit?.id ?? null) : null },
      ]);
      await recordAudit(trx, systemActor(), {
        action: 'user.created',
        objectType: 'user',
        objectId: user.id,
        summary: `Demo-Konto angelegt; Rolle: ${demo.role}`,
      });
    });
    created.push({ email: demo.email, role: demo.role, password });
  }
  return created;
}
