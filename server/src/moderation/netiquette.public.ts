import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { submitPublicAppeal } from '../inbox/inbox.appeal.ts';
import { PLATFORM_CATALOGUE } from '../platforms/platforms.catalogue.ts';
import { findOrganisationProfile } from '../registry/registry.repository.ts';
import { renderAppealThanks, renderNetiquettePage } from './netiquette.page.ts';
import type { AppealPlatform, PageLanguage } from './netiquette.page.ts';
import { listRules } from './netiquette.service.ts';

const tags = ['Netiquette (öffentlich)'];
const CACHE = 'public, max-age=300';
const FORM_BODY_LIMIT = 16 * 1024;

export interface NetiquettePublicOptions {
  /** Appeals per address and window; tests lower or raise it. */
  readonly appealRateLimit?: { readonly max: number; readonly timeWindow: string };
}

const langQuery = z.object({ lang: z.enum(['de', 'en']).optional() });

/** Only platforms whose comments the inbox reads can have hidden comments to appeal. */
const APPEAL_PLATFORMS: readonly AppealPlatform[] = PLATFORM_CATALOGUE.filter((entry) =>
  entry.capabilities.has('read-comments'),
).map((entry) => ({ key: entry.key, name: entry.name }));

const appealForm = z.object({
  platform: z.string().refine((key) => APPEAL_PLATFORMS.some((p) => p.key === key)),
  handle: z.string().trim().min(2).max(200),
  reference: z.string().trim().max(500).default(''),
  message: z.string().trim().min(1).max(4000),
  website: z.string().optional(),
});

const FORM_ERROR: Readonly<Record<PageLanguage, string>> = {
  de: 'Bitte wählen Sie die Plattform und geben Sie Ihren Kontonamen und eine Nachricht an.',
  en: 'Please choose the platform and enter your account name and a message.',
};

async function cityName(ctx: AppContext): Promise<string> {
  return (await findOrganisationProfile(ctx.db))?.controllerName ?? 'Stadtverwaltung';
}

function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) {
      if (
        typeof value === 'string' &&
        ['platform', 'handle', 'reference', 'message'].includes(key)
      ) {
        values[key] = value.slice(0, 4000);
      }
    }
  }
  return values;
}

/** `/netiquette` (rules from the database, German, `?lang=en`) and the writer's appeal form. */
export function registerNetiquettePublicRoutes(
  app: FastifyZod,
  ctx: AppContext,
  options: NetiquettePublicOptions = {},
): void {
  app.get(
    '/netiquette',
    { config: { permission: 'public' }, schema: { tags, querystring: langQuery } },
    async (request, reply) => {
      const html = renderNetiquettePage({
        cityName: await cityName(ctx),
        language: request.query.lang ?? 'de',
        rules: await listRules(ctx.db),
        platforms: APPEAL_PLATFORMS,
      });
      reply.header('cache-control', CACHE);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // Own scope: only this route takes an HTML form post; every other route stays JSON-only.
  void app.register((scope, _options, done) => {
    const forms = scope.withTypeProvider<ZodTypeProvider>();
    forms.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, parsed) => {
        parsed(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    forms.post(
      '/netiquette/widerspruch',
      {
        // Keyed by IP in the limiter's memory only; the address is never stored or logged.
        config: {
          permission: 'public',
          sessionless: true,
          rateLimit: options.appealRateLimit ?? { max: 5, timeWindow: '10 minutes' },
        },
        bodyLimit: FORM_BODY_LIMIT,
        schema: { tags, querystring: langQuery, hide: true },
      },
      async (request, reply) => {
        const language = request.query.lang ?? 'de';
        const city = await cityName(ctx);
        reply.header('cache-control', 'no-store');
        const parsed = appealForm.safeParse(request.body);
        if (!parsed.success) {
          const html = renderNetiquettePage({
            cityName: city,
            language,
            rules: await listRules(ctx.db),
            platforms: APPEAL_PLATFORMS,
            formError: FORM_ERROR[language],
            values: formValues(request.body),
          });
          return reply.status(400).type('text/html; charset=utf-8').send(html);
        }
        // A filled-in hidden field means a bot: it gets the same answer and changes nothing.
        if ((parsed.data.website ?? '') === '') {
          await submitPublicAppeal(
            ctx.db,
            {
              platform: parsed.data.platform,
              handle: parsed.data.handle,
              reference: parsed.data.reference,
              message: parsed.data.message,
            },
            request.id,
          );
        }
        return reply.type('text/html; charset=utf-8').send(renderAppealThanks(city, language));
      },
    );
    done();
  });
}
