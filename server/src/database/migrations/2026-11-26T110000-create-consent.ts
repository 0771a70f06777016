import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // One row: what the website widget offers. Retention defaults to 3 years (1095 days): proof of
    // consent (Art. 7(1) GDPR) is needed while a claim can be raised, and the regular limitation
    // period of § 195 BGB is three years; longer would go against storage limitation (Art. 5(1)(e)).
    `CREATE TABLE consent_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      services text[] NOT NULL
        DEFAULT '{youtube,instagram,facebook,x,mastodon,tiktok,linkedin}',
      matomo_url text,
      matomo_site_id text,
      matomo_mode text NOT NULL DEFAULT 'consent' CHECK (matomo_mode IN ('consent', 'cookieless')),
      proof_retention_days integer NOT NULL DEFAULT 1095
        CHECK (proof_retention_days BETWEEN 30 AND 3650),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `INSERT INTO consent_settings (id) VALUES (true)`,
    // Consent proofs: a pseudonymous id from the browser, never an IP address or user agent.
    `CREATE TABLE consent_proofs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      visitor_id text NOT NULL,
      config_version text NOT NULL,
      choices jsonb NOT NULL,
      decided_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX consent_proofs_visitor_idx ON consent_proofs (visitor_id)`,
    // Retention deletes by received_at: the index keeps its cost proportional to expired rows.
    `CREATE INDEX consent_proofs_received_idx ON consent_proofs (received_at)`,
  ]);
}
