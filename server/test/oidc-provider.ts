import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test identity provider says about an account. */
export interface TestAccount {
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string;
  /** Sent as the custom `roles` claim. */
  readonly roles: readonly string[];
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Adds or replaces an account; the next login of that subject sees the new claims. */
  setAccount(subject: string, account: TestAccount): void;
  /**
   * Plays the browser at the provider: follows the authorization URL through the provider's
   * interaction (where `subject` signs in and consents) and returns the URL the provider sends the
   * browser back to, i.e. the relying party's redirect URI with `code`, `state` and `iss`.
   */
  authorize(authorizationUrl: string, subject: string): Promise<URL>;
  close(): Promise<void>;
}

// oidc-provider ships no type declarations (and @types/oidc-provider is no dependency), so it is
// loaded through a non-literal specifier and the few members used here are described below.
interface ProviderGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

interface InteractionDetails {
  readonly uid: string;
  readonly prompt: { readonly name: string };
  readonly params: Readonly<Record<string, unknown>>;
}

interface InteractionResult {
  readonly login: { readonly accountId: string };
  readonly consent: { readonly grantId: string };
}

interface ProviderInstance {
  readonly Grant: new (properties: { accountId: string; clientId: string }) => ProviderGrant;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: InteractionResult,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): void;
}

type ProviderConstructor = new (
  issuer: string,
  configuration: Record<string, unknown>,
) => ProviderInstance;

const PROVIDER_MODULE: string = 'oidc-provider';
const INTERACTION_PATH = '/interaction/';
const MAX_HOPS = 10;

/**
 * Starts a real OpenID provider (oidc-provider) on 127.0.0.1 with a random port and one
 * confidential client registered for `redirectUri`. Logins are driven by `authorize`; no HTML forms.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
}): Promise<TestOidcProvider> {
  const { Provider } = (await import(PROVIDER_MODULE)) as { Provider: ProviderConstructor };
  const accounts = new Map<string, TestAccount>();
  const clientId = 'stadtfunk';
  const clientSecret = randomBytes(24).toString('hex');

  // Listen first: the issuer URL, which the provider needs, contains the port. The request handler
  // is attached once the provider exists.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client v6 authenticates with client_secret_post when given a bare secret.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }],
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'roles'],
    },
    // Put the scope's claims into the ID token as Keycloak does. Stadtfunk reads the ID token only
    // (no UserInfo request); with oidc-provider's spec default these claims would be in UserInfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}`,
    },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx: unknown, subject: string) => {
      const account = accounts.get(subject);
      if (account === undefined) {
        return undefined;
      }
      return {
        accountId: subject,
        claims: () => ({
          sub: subject,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
          roles: [...account.roles],
        }),
      };
    },
  });
  const serverErrors: Error[] = [];
  provider.on('server_error', (_ctx, error) => {
    serverErrors.push(error);
  });

  /** Signs the subject in and grants the requested scope in one step, as a real login page would. */
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const subject = new URL(req.url ?? '/', issuer).searchParams.get('account');
    const details = await provider.interactionDetails(req, res);
    if (subject === null || !accounts.has(subject)) {
      res.statusCode = 400;
      res.end(`unknown account for interaction ${details.uid}`);
      return;
    }
    const grant = new provider.Grant({
      accountId: subject,
      clientId: String(details.params['client_id']),
    });
    grant.addOIDCScope(String(details.params['scope']));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: subject }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  const providerCallback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(INTERACTION_PATH) === true) {
      interact(req, res).catch((error: unknown) => {
        serverErrors.push(error instanceof Error ? error : new Error(String(error)));
        res.statusCode = 500;
        res.end();
      });
      return;
    }
    providerCallback(req, res);
  });

  const redirectTarget = new URL(options.redirectUri);

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount(subject, account) {
      accounts.set(subject, account);
    },
    async authorize(authorizationUrl, subject) {
      // A fresh cookie jar per login: a fresh browser, so no provider session is reused.
      const jar = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < MAX_HOPS; hop += 1) {
        if (url.origin === redirectTarget.origin && url.pathname === redirectTarget.pathname) {
          return url;
        }
        if (url.origin !== new URL(issuer).origin) {
          throw new Error(`redirected away from the provider to ${url.origin}${url.pathname}`);
        }
        if (url.pathname.startsWith(INTERACTION_PATH)) {
          url.searchParams.set('account', subject);
        }
        const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
        const response = await fetch(url, {
          redirect: 'manual',
          headers: cookie === '' ? {} : { cookie },
        });
        storeCookies(jar, response.headers.getSetCookie());
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || location === null) {
          const body = await response.text();
          const errors = serverErrors.map((error) => error.message).join('; ');
          throw new Error(
            `provider answered ${response.status} at ${url.pathname}: ${body.slice(0, 500)} ${errors}`,
          );
        }
        await response.body?.cancel();
        url = new URL(location, url);
      }
      throw new Error(`more than ${MAX_HOPS} redirects at the provider`);
    },
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) {
            resolve();
          } else {
            reject(error);
          }
        });
        server.closeAllConnections();
      });
    },
  };
}

/** A cookie jar keyed by name only: enough for one provider on one origin. */
function storeCookies(jar: Map<string, string>, setCookies: readonly string[]): void {
  for (const header of setCookies) {
    const [pair = '', ...attributes] = header.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      continue;
    }
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key = '', attributeValue = ''] = attribute.trim().split('=', 2);
      const lowerKey = key.toLowerCase();
      return (
        (lowerKey === 'max-age' && Number(attributeValue) <= 0) ||
        (lowerKey === 'expires' && Date.parse(attributeValue) <= Date.now())
      );
    });
    if (value === '' || expired) {
      jar.delete(name);
    } else {
      jar.set(name, value);
    }
  }
}
