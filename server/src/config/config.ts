import { z } from 'zod';

/**
 * The one place that reads the environment. Every variable is documented in docs/configuration.md;
 * `loadConfig` validates all of them at once so an operator sees every problem in one run.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DATABASE_URL: optionalString.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'muss eine postgres://-URL sein' }).optional(),
  ),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'mindestens 32 Zeichen').optional()),
  ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'muss 64 Hex-Zeichen (32 Byte) lang sein')
      .optional(),
  ),
  // Keys sealed before a rotation: comma-separated, read-only until `stadtfunk keys rotate`.
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .trim()
    .regex(/^([0-9a-f]{64}(,[0-9a-f]{64})*)?$/i, 'muss eine Komma-Liste von 64-Hex-Schlüsseln sein')
    .default(''),
  BLIND_INDEX_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'muss 64 Hex-Zeichen (32 Byte) lang sein')
      .optional(),
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  OIDC_ISSUER: optionalString.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  DISPLAY_TIMEZONE: z.string().min(1).default('Europe/Berlin'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  TRUST_PROXY: booleanFlag.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(104_857_600).default(1_048_576),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
});

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly roleClaim: string;
}

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  /** True when PUBLIC_URL is https: cookies get the Secure flag. */
  readonly secureCookies: boolean;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Undefined until resolved from DATA_DIR by `resolveSecrets`. */
  readonly sessionSecret: string | undefined;
  readonly encryptionKey: string | undefined;
  /** Older encryption keys, only to open values sealed before the last rotation. */
  readonly previousEncryptionKeys: readonly string[];
  /** Key of the blind indexes (case search); independent of ENCRYPTION_KEY so rotation keeps them. */
  readonly blindIndexKey: string | undefined;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly oidc: OidcConfig | undefined;
  readonly smtpUrl: string | undefined;
  readonly displayTimezone: string;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly trustProxy: boolean;
  readonly bodyLimitBytes: number;
  /** Where `npm start` (flag --sandbox) runs the platform sandbox, on 127.0.0.1. */
  readonly sandboxPort: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Ungültige Konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment map; throws ConfigError listing every problem. */
/** Checks across variables, run on the raw values so they report alongside field errors. */
function crossFieldProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const present = (key: string) => (env[key] ?? '').trim() !== '';
  const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'];
  const given = oidc.filter(present).length;
  if (given > 0 && given < oidc.length) {
    problems.push(
      'OIDC_ISSUER: OIDC_ISSUER, OIDC_CLIENT_ID und OIDC_CLIENT_SECRET nur gemeinsam setzen',
    );
  }
  const zone = env['DISPLAY_TIMEZONE'];
  if (zone !== undefined && zone !== '') {
    try {
      new Intl.DateTimeFormat('de-DE', { timeZone: zone });
    } catch {
      problems.push('DISPLAY_TIMEZONE: unbekannte Zeitzone');
    }
  }
  return problems;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET,
          roleClaim: e.OIDC_ROLE_CLAIM,
        }
      : undefined;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    encryptionKey: e.ENCRYPTION_KEY?.toLowerCase(),
    previousEncryptionKeys: Object.freeze(
      e.ENCRYPTION_KEYS_PREVIOUS.split(',')
        .filter((key) => key !== '')
        .map((key) => key.toLowerCase()),
    ),
    blindIndexKey: e.BLIND_INDEX_KEY?.toLowerCase(),
    logLevel: e.LOG_LEVEL,
    oidc: oidc ? Object.freeze(oidc) : undefined,
    smtpUrl: e.SMTP_URL,
    displayTimezone: e.DISPLAY_TIMEZONE,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    sandboxPort: e.SANDBOX_PORT,
  });
}

/** Reads the process environment once; the rest of the code receives the frozen result. */
export function readProcessConfig(): AppConfig {
  return loadConfig(process.env);
}

/** Test and CI settings, read in one place like the rest. */
export function readTestEnvironment(): { databaseUrl: string | undefined; ci: boolean } {
  const url = process.env['TEST_DATABASE_URL'];
  return {
    databaseUrl: url === undefined || url === '' ? undefined : url,
    ci: process.env['CI'] === 'true' || process.env['CI'] === '1',
  };
}
