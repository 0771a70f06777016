import { z } from 'zod';

/** The sandbox's only environment reading (its counterpart of server/src/config/config.ts). */
const sandboxEnvironmentSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SANDBOX_HOST: z.string().trim().min(1).default('127.0.0.1'),
});

export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
}

export class SandboxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

/** Validates SANDBOX_PORT and SANDBOX_HOST; throws one error listing every problem. */
export function readSandboxConfig(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): SandboxConfig {
  const parsed = sandboxEnvironmentSchema.safeParse({
    SANDBOX_PORT: emptyToUndefined(environment['SANDBOX_PORT']),
    SANDBOX_HOST: emptyToUndefined(environment['SANDBOX_HOST']),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new SandboxConfigError(`Sandbox-Konfiguration ungültig:\n${problems.join('\n')}`);
  }
  return Object.freeze({ port: parsed.data.SANDBOX_PORT, host: parsed.data.SANDBOX_HOST });
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
