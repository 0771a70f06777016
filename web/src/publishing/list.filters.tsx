// Filters shared by calendar and list. They live in the URL query, so a filtered view can be
// bookmarked or sent to a colleague, and the back button restores it.
import { Button, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { fetchOrgUnits, orgUnitOptions } from '../access/org-units.api.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { fetchChannels } from '../registry/registry.api.ts';
import { oneOf } from '../registry/registry.labels.ts';
import { fetchComposerChannels } from './publishing.api.ts';
import { POST_STATUS_LABELS } from './publishing.labels.ts';
import type { PostListQuery, PostStatus } from './publishing.types.ts';
import { POST_STATUSES } from './publishing.types.ts';

export interface PostFilterValues {
  channelId: string;
  orgUnitId: string;
  campaign: string;
  status: PostStatus | '';
}

const PARAMS: Record<keyof PostFilterValues, string> = {
  channelId: 'channel',
  orgUnitId: 'unit',
  campaign: 'campaign',
  status: 'status',
};

/** The filter part of a query string, so switching between calendar and list keeps the filters. */
export function filterSearch(search: string): string {
  const current = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of Object.values(PARAMS)) {
    const value = current.get(name);
    if (value !== null && value !== '') {
      kept.set(name, value);
    }
  }
  const text = kept.toString();
  return text === '' ? '' : `?${text}`;
}

export interface PostFiltersHandle {
  values: PostFilterValues;
  /** The filters as GET /api/posts expects them, without a time range. */
  query: PostListQuery;
  set: (key: keyof PostFilterValues, value: string) => void;
  reset: () => void;
}

export function usePostFilters(): PostFiltersHandle {
  const [params, setParams] = useSearchParams();
  const channelId = params.get(PARAMS.channelId) ?? '';
  const orgUnitId = params.get(PARAMS.orgUnitId) ?? '';
  const campaign = params.get(PARAMS.campaign) ?? '';
  const status = oneOf(POST_STATUSES, params.get(PARAMS.status) ?? '') ?? '';

  const set = useCallback(
    (key: keyof PostFilterValues, value: string) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value === '') {
            next.delete(PARAMS[key]);
          } else {
            next.set(PARAMS[key], value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const reset = useCallback(() => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const name of Object.values(PARAMS)) {
          next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }, [setParams]);

  const query = useMemo<PostListQuery>(
    () => ({
      ...(channelId === '' ? {} : { channelId }),
      ...(orgUnitId === '' ? {} : { orgUnitId }),
      ...(campaign.trim() === '' ? {} : { campaign: campaign.trim() }),
      ...(status === '' ? {} : { status }),
    }),
    [channelId, orgUnitId, campaign, status],
  );
  return { values: { channelId, orgUnitId, campaign, status }, query, set, reset };
}

interface Option {
  value: string;
  label: string;
}

interface FilterOptions {
  channels: Option[];
  units: Option[];
}

/**
 * Channels from the registry (all the viewer may read) or, without registry access, those the
 * viewer may write for. Units only with a readable unit list; without names the filter is hidden.
 */
function useFilterOptions(): FilterOptions {
  const { can } = useSession();
  const canRegistry = can(PERMISSIONS.registryRead);
  const canDraft = can(PERMISSIONS.postsDraft);
  const canUnits = can(PERMISSIONS.orgUnitsRead);
  const load = useCallback(async (): Promise<FilterOptions> => {
    const [channels, units] = await Promise.all([
      canRegistry ? fetchChannels() : canDraft ? fetchComposerChannels() : Promise.resolve([]),
      canUnits ? fetchOrgUnits() : Promise.resolve([]),
    ]);
    return {
      channels: channels
        .map((channel) => ({ value: channel.id, label: channel.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'de')),
      units: orgUnitOptions(units),
    };
  }, [canRegistry, canDraft, canUnits]);
  const { resource } = useResource(load);
  // Missing options only narrow the filters; the posts themselves still load and show.
  return resource.status === 'ready' ? resource.data : { channels: [], units: [] };
}

export function PostFilters({
  filters,
  idPrefix,
}: {
  filters: PostFiltersHandle;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const options = useFilterOptions();
  const { values, set, reset } = filters;
  const [campaign, setCampaign] = useState(values.campaign);

  useEffect(() => {
    // Typing should not reload the posts at every key stroke.
    if (campaign === values.campaign) {
      return;
    }
    const timer = window.setTimeout(() => {
      set('campaign', campaign);
    }, 400);
    return () => {
      window.clearTimeout(timer);
    };
  }, [campaign, values.campaign, set]);

  const all = { value: '', label: t('publishing.filterAll') };
  const titleId = `${idPrefix}-filters-title`;
  const active = Object.values(values).some((value) => value !== '');
  return (
    <section aria-labelledby={titleId}>
      <Text component="h2" id={titleId} fw={700} size="lg" mb="xs">
        {t('publishing.filtersTitle')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="sm">
        <NativeSelect
          id={`${idPrefix}-channel`}
          label={t('publishing.filterChannel')}
          data={[all, ...options.channels]}
          value={values.channelId}
          onChange={(event) => {
            set('channelId', event.currentTarget.value);
          }}
        />
        {options.units.length > 0 && (
          <NativeSelect
            id={`${idPrefix}-unit`}
            label={t('publishing.filterUnit')}
            data={[all, ...options.units]}
            value={values.orgUnitId}
            onChange={(event) => {
              set('orgUnitId', event.currentTarget.value);
            }}
          />
        )}
        <TextInput
          id={`${idPrefix}-campaign`}
          label={t('publishing.filterCampaign')}
          description={t('publishing.filterCampaignHint')}
          maxLength={200}
          value={campaign}
          onChange={(event) => {
            setCampaign(event.currentTarget.value);
          }}
        />
        <NativeSelect
          id={`${idPrefix}-status`}
          label={t('publishing.filterStatus')}
          data={[
            all,
            ...POST_STATUSES.map((value) => ({ value, label: t(POST_STATUS_LABELS[value]) })),
          ]}
          value={values.status}
          onChange={(event) => {
            set('status', event.currentTarget.value);
          }}
        />
      </SimpleGrid>
      {active && (
        <Button
          variant="default"
          size="xs"
          mb="sm"
          onClick={() => {
            setCampaign('');
            reset();
          }}
        >
          {t('publishing.filterReset')}
        </Button>
      )}
    </section>
  );
}
