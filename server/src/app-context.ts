import type { Kysely } from 'kysely';

import type { SessionSettings } from './access/sessions.service.ts';
import type { OidcLogin } from './access/oidc.service.ts';
import type { AppConfig } from './config/config.ts';
import type { ResolvedSecrets } from './config/secrets.ts';
import type { Database } from './database/database.types.ts';
import type { DatabaseHandle } from './database/database.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { EncryptionKey } from './shared/crypto.ts';

export type RuntimeConfig = AppConfig & ResolvedSecrets;

/** What the HTTP edge and the jobs are built from; created once in main.ts (or a test). */
export interface AppContext {
  readonly config: RuntimeConfig;
  readonly database: DatabaseHandle;
  readonly db: Kysely<Database>;
  readonly jobs: JobQueue | undefined;
  readonly oidc: OidcLogin | undefined;
  readonly sessions: SessionSettings;
  /** The current key first; older ones only to read values sealed before a rotation. */
  readonly encryptionKeys: readonly EncryptionKey[];
}
