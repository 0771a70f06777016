import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';

import type { Database } from '../database/database.types.ts';
import type { ProofBody } from './consent.schema.ts';
import type { NewConsentProofRow } from './consent.table.ts';

export interface BatchOptions {
  readonly flushMs: number;
  readonly maxItems: number;
}

export const DEFAULT_BATCH: BatchOptions = { flushMs: 250, maxItems: 500 };

/**
 * Collects proofs in memory and writes them with one multi-row INSERT, so a burst of visitors
 * costs a few statements instead of one per request. Flushes run one after another.
 */
export class ProofBatch {
  private pending: NewConsentProofRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: FastifyBaseLogger,
    private readonly options: BatchOptions = DEFAULT_BATCH,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(proof: ProofBody, receivedAt: Date = new Date()): void {
    this.pending.push({
      visitor_id: proof.id,
      config_version: proof.configVersion,
      choices: JSON.stringify(proof.choices),
      decided_at: new Date(proof.at),
      received_at: receivedAt,
    });
    if (this.pending.length >= this.options.maxItems) {
      void this.flush();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushMs);
      // A waiting flush must not keep the process alive; close() flushes on shutdown.
      this.timer.unref();
    }
  }

  /** Writes everything pending now; resolves when that and any earlier flush are done. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const rows = this.pending;
    this.pending = [];
    this.running = this.running.then(() => this.write(rows));
    return this.running;
  }

  private async write(rows: NewConsentProofRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    try {
      await this.db.insertInto('consent_proofs').values(rows).execute();
    } catch (error) {
      // Counts only: a proof's content stays out of the log.
      this.log.error({ err: error, lost: rows.length }, 'consent proofs could not be stored');
    }
  }
}
