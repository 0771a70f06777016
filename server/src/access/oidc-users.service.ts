import type { Kysely } from 'kysely';

import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import { ROLES, UNIT_SCOPED_ROLES } from '../shared/enum.ts';
import type { Role } from '../shared/enum.ts';
import type { RoleGrant } from './access.policy.ts';
import { recordLogin } from './auth.service.ts';
import type { OidcIdentity } from './oidc.service.ts';
import { findOrgUnitByCode } from './org-units.repository.ts';
import {
  findUserByEmail,
  findUserByOidcSubject,
  insertUserRow,
  replaceUserRoles,
  updateUserRow,
} from './users.repository.ts';

/**
 * Claim values name roles as `communications` or, scoped to an org unit by its code,
 * `department-editor@AMT61`. Unknown roles or unit codes are ignored.
 */
export async function rolesFromClaim(
  db: Kysely<Database>,
  values: readonly string[],
): Promise<RoleGrant[]> {
  const grants: RoleGrant[] = [];
  for (const value of values) {
    const [rolePart, unitCode] = value.split('@', 2) as [string, string | undefined];
    const role = ROLES.find((candidate) => candidate === rolePart);
    if (role === undefined) {
      continue;
    }
    const unit = unitCode === undefined ? undefined : await findOrgUnitByCode(db, unitCode);
    if (unitCode !== undefined && unit === undefined) {
      continue;
    }
    if (UNIT_SCOPED_ROLES.includes(role) && unit === undefined) {
      continue;
    }
    const grant = { role, orgUnitId: unit?.id ?? null };
    if (!grants.some((g) => g.role === grant.role && g.orgUnitId === grant.orgUnitId)) {
      grants.push(grant);
    }
  }
  return grants;
}

/**
 * Finds or creates the account for an identity from the city's identity provider; roles follow the
 * claim at every login, so revoking a role in the directory revokes it here.
 */
export async function signInWithOidc(
  db: Kysely<Database>,
  identity: OidcIdentity,
  correlationId: string | null,
  now: Date = new Date(),
): Promise<string> {
  const roles = await rolesFromClaim(db, identity.roleValues);
  if (roles.length === 0) {
    throw new AppError(
      'sso_failed',
      'Ihrem Konto ist keine Stadtfunk-Rolle zugeordnet. Bitte wenden Sie sich an die Abteilung Kommunikation.',
    );
  }
  const userId = await db.transaction().execute(async (trx) => {
    let user = await findUserByOidcSubject(trx, identity.subject);
    if (user === undefined && identity.email !== undefined && identity.emailVerified) {
      const byEmail = await findUserByEmail(trx, identity.email);
      if (byEmail !== undefined && byEmail.oidc_subject === null) {
        user = await updateUserRow(trx, byEmail.id, {
          oidc_subject: identity.subject,
          auth_provider: 'oidc',
          password_hash: null,
        });
      }
    }
    const actorRoles = describe(roles.map((r) => r.role));
    if (user === undefined) {
      user = await insertUserRow(trx, {
        email: identity.email ?? `${identity.subject}@sso.invalid`,
        display_name: identity.name ?? identity.email ?? 'SSO-Konto',
        locale: 'de',
        password_hash: null,
        auth_provider: 'oidc',
        oidc_subject: identity.subject,
        locked_until: null,
        last_login_at: null,
        created_at: now,
      });
      await recordAudit(
        trx,
        { userId: user.id, role: null, correlationId },
        {
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          summary: `Konto bei erster Anmeldung über Single Sign-on angelegt; Rollen: ${actorRoles}`,
        },
        now,
      );
    }
    if (user.disabled) {
      throw new AppError('sso_failed', 'Dieses Konto ist deaktiviert.');
    }
    await replaceUserRoles(trx, user.id, roles);
    return user.id;
  });
  await recordLogin(db, { userId, role: null, correlationId }, 'oidc', now);
  return userId;
}

function describe(roles: readonly Role[]): string {
  return [...new Set(roles)].sort().join(', ');
}
