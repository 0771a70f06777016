import type { Kysely } from 'kysely';

import { listOrgUnits } from '../access/org-units.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import { toChannel } from './channels.service.ts';
import { renderNoticePage } from './notice.render.ts';
import { renderNotFoundPage, renderOverviewPage } from './overview.render.ts';
import { getOrganisationProfile } from './organisation.service.ts';
import { getPlatform, listPlatforms } from './platforms.service.ts';
import { listChannelRows } from './registry.repository.ts';
import type { OrganisationProfile, Platform } from './registry.schema.ts';

/** What the public may see of a channel: never the people behind it, only the unit. */
export interface PublicChannel {
  readonly platformId: string;
  readonly name: string;
  readonly handle: string;
  readonly url: string;
  readonly orgUnitName: string;
}

export interface NoticeModel {
  readonly organisation: OrganisationProfile;
  readonly platform: Platform;
  readonly channels: readonly PublicChannel[];
}

export interface OverviewModel {
  readonly organisation: OrganisationProfile;
  readonly platforms: readonly { platform: Platform; channels: readonly PublicChannel[] }[];
}

export interface HtmlPage {
  readonly status: 200 | 404;
  readonly html: string;
}

// One letter allowed: the seed's X has the key `x` (the API's create schema asks for two).
const PLATFORM_KEY = /^[a-z][a-z0-9-]{0,39}$/;

/** Missing registry data is a public 404 page, not an API error. */
async function orUndefined<T>(load: Promise<T>): Promise<T | undefined> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      return undefined;
    }
    throw error;
  }
}

/** Active channels only: planned, paused and retired ones are not the city's public presence. */
async function activeChannels(db: Kysely<Database>): Promise<PublicChannel[]> {
  const units = new Map((await listOrgUnits(db)).map((unit) => [unit.id, unit.name]));
  return (await listChannelRows(db, 'all'))
    .map(toChannel)
    .filter((channel) => channel.status === 'active')
    .map((channel) => ({
      platformId: channel.platformId,
      name: channel.name,
      handle: channel.handle,
      url: channel.url,
      orgUnitName: units.get(channel.orgUnitId) ?? '',
    }));
}

export async function loadNotice(
  db: Kysely<Database>,
  key: string,
): Promise<NoticeModel | undefined> {
  if (!PLATFORM_KEY.test(key)) {
    return undefined;
  }
  const organisation = await orUndefined(getOrganisationProfile(db));
  const platform = await orUndefined(getPlatform(db, { key }));
  if (organisation === undefined || platform === undefined) {
    return undefined;
  }
  const channels = (await activeChannels(db)).filter((c) => c.platformId === platform.id);
  return { organisation, platform, channels };
}

export async function loadOverview(db: Kysely<Database>): Promise<OverviewModel | undefined> {
  const organisation = await orUndefined(getOrganisationProfile(db));
  if (organisation === undefined) {
    return undefined;
  }
  const channels = await activeChannels(db);
  const platforms = (await listPlatforms(db)).map((platform) => ({
    platform,
    channels: channels.filter((channel) => channel.platformId === platform.id),
  }));
  return { organisation, platforms };
}

/** The public privacy notice of one platform (Art. 13), or a German 404 page. */
export async function noticePage(db: Kysely<Database>, key: string): Promise<HtmlPage> {
  const model = await loadNotice(db, key);
  return model === undefined
    ? { status: 404, html: renderNotFoundPage(await organisationName(db)) }
    : { status: 200, html: renderNoticePage(model) };
}

/** The public overview of the city's social-media presence. */
export async function overviewPage(db: Kysely<Database>): Promise<HtmlPage> {
  const model = await loadOverview(db);
  return model === undefined
    ? { status: 404, html: renderNotFoundPage(undefined) }
    : { status: 200, html: renderOverviewPage(model) };
}

async function organisationName(db: Kysely<Database>): Promise<string | undefined> {
  return (await orUndefined(getOrganisationProfile(db)))?.controllerName;
}
