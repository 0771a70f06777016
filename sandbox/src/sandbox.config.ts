import { z } from 'zod';

import { COMMENT_KINDS } from './sandbox.comments.ts';
import type { CommentKind } from './sandbox.comments.ts';
import { MAX_COMMENTS_PER_MINUTE } from './sandbox.stream.ts';

/** The sandbox's only environment reading (its counterpart of server/src/config/config.ts). */
const sandboxEnvironmentSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SANDBOX_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Generated comments per minute on every platform that can generate them (0: none). */
  SANDBOX_COMMENT_RATE: z.coerce.number().min(0).max(MAX_COMMENTS_PER_MINUTE).default(0),
  /** Comma-separated comment kinds for that stream; unset means every kind. */
  SANDBOX_COMMENT_KINDS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((kind) => kind.trim())
        .filter((kind) => kind !== ''),
    )
    .pipe(z.array(z.enum(COMMENT_KINDS)))
    .default([...COMMENT_KINDS]),
});

export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
  readonly commentRate: number;
  readonly commentKinds: readonly CommentKind[];
}

export class SandboxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

/** Validates the SANDBOX_* variables; throws one error listing every problem. */
export function readSandboxConfig(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): SandboxConfig {
  const parsed = sandboxEnvironmentSchema.safeParse({
    SANDBOX_PORT: emptyToUndefined(environment['SANDBOX_PORT']),
    SANDBOX_HOST: emptyToUndefined(environment['SANDBOX_HOST']),
    SANDBOX_COMMENT_RATE: emptyToUndefined(environment['SANDBOX_COMMENT_RATE']),
    SANDBOX_COMMENT_KINDS: emptyToUndefined(environment['SANDBOX_COMMENT_KINDS']),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new SandboxConfigError(`Sandbox-Konfiguration ungültig:\n${problems.join('\n')}`);
  }
  return Object.freeze({
    port: parsed.data.SANDBOX_PORT,
    host: parsed.data.SANDBOX_HOST,
    commentRate: parsed.data.SANDBOX_COMMENT_RATE,
    commentKinds: Object.freeze(parsed.data.SANDBOX_COMMENT_KINDS),
  });
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
