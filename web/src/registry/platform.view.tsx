// Read views of a platform's parts, shown on the detail page to everyone with registry.read.
import { List, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { PlatformSection } from './platform.draft.ts';
import { Day, DetailList, ExternalLink, Maybe } from './registry.fields.tsx';
import {
  DPIA_STATUS_LABELS,
  NECESSITY_LABELS,
  SCC_MODULE_LABELS,
  TRANSFER_BASIS_LABELS,
} from './registry.labels.ts';
import type { Platform } from './registry.types.ts';

function Url({ href }: { href: string | null }) {
  const { t } = useI18n();
  if (href === null || href === '') {
    return <>{t('registry.notGiven')}</>;
  }
  return <ExternalLink href={href}>{href}</ExternalLink>;
}

function TextList({ values }: { values: readonly string[] }) {
  const { t } = useI18n();
  if (values.length === 0) {
    return <>{t('registry.noEntries')}</>;
  }
  return (
    <List size="sm" spacing={2}>
      {values.map((value, index) => (
        <List.Item key={index}>{value}</List.Item>
      ))}
    </List>
  );
}

export function PlatformSectionView({
  platform,
  section,
}: {
  platform: Platform;
  section: PlatformSection;
}) {
  const { t, formatDateTime } = useI18n();
  switch (section) {
    case 'general':
      return (
        <DetailList
          items={[
            [t('platform.name'), platform.name],
            [t('platform.key'), platform.key],
            [t('platform.legalEntity'), platform.operator.legalEntity],
            [t('platform.address'), platform.operator.address],
            [t('platform.privacyPolicyUrl'), <Url href={platform.operator.privacyPolicyUrl} />],
            [t('platform.cookiePolicyUrl'), <Url href={platform.operator.cookiePolicyUrl} />],
            [t('platform.rightsContact'), platform.operator.rightsContact],
          ]}
        />
      );
    case 'purposes':
      return (
        <Stack gap="md">
          {platform.purposes.map((purpose, index) => (
            <div key={index}>
              <Title order={3} size="h5" mb={4}>
                {t('platform.purposeN', { number: index + 1 })}
              </Title>
              <DetailList
                items={[
                  [t('platform.purposeText'), purpose.text],
                  [t('platform.legalBasisGdpr'), purpose.legalBasis.gdpr],
                  [t('platform.legalBasisNational'), <Maybe value={purpose.legalBasis.national} />],
                ]}
              />
            </div>
          ))}
        </Stack>
      );
    case 'audience':
      return (
        <DetailList
          items={[
            [t('platform.targetGroups'), <TextList values={platform.targetGroups} />],
            [t('platform.recipients'), <TextList values={platform.recipients} />],
          ]}
        />
      );
    case 'necessity':
      return (
        <DetailList
          items={[
            [t('platform.reasoning'), platform.necessity.reasoning],
            [t('platform.outcome'), t(NECESSITY_LABELS[platform.necessity.outcome])],
            [t('platform.assessedOn'), <Day value={platform.necessity.assessedOn} />],
            [t('registry.nextReviewOn'), <Day value={platform.necessity.nextReviewOn} />],
          ]}
        />
      );
    case 'joint': {
      const joint = platform.jointControllership;
      if (joint === null) {
        return <Text>{t('platform.noJoint')}</Text>;
      }
      return (
        <DetailList
          items={[
            [t('platform.arrangementUrl'), <Url href={joint.arrangementUrl} />],
            [t('platform.essencePublishedUrl'), <Url href={joint.essencePublishedUrl} />],
            [t('platform.scope'), joint.scope],
            [t('platform.contactPoint'), joint.contactPoint],
            [
              t('platform.forwardingDeadlineDays'),
              t('platform.days', { count: joint.forwardingDeadlineDays }),
            ],
          ]}
        />
      );
    }
    case 'transfers':
      if (platform.transfers.length === 0) {
        return <Text>{t('platform.noTransfers')}</Text>;
      }
      return (
        <Stack gap="md">
          {platform.transfers.map((transfer, index) => (
            <div key={index}>
              <Title order={3} size="h5" mb={4}>
                {t('platform.transferN', { number: index + 1 })}
              </Title>
              <DetailList
                items={[
                  [t('platform.country'), transfer.country],
                  [t('platform.transferBasis'), t(TRANSFER_BASIS_LABELS[transfer.basis])],
                  ...(transfer.basis === 'eu-us-dpf'
                    ? [[t('platform.dpfCheckedOn'), <Day value={transfer.dpfCheckedOn} />] as const]
                    : []),
                  ...(transfer.sccModule !== null
                    ? [[t('platform.sccModule'), t(SCC_MODULE_LABELS[transfer.sccModule])] as const]
                    : []),
                  [t('platform.transferNotes'), <Maybe value={transfer.notes} />],
                ]}
              />
            </div>
          ))}
        </Stack>
      );
    case 'dpia': {
      const dpia = platform.dpia;
      if (dpia === null) {
        return <Text>{t('platform.noDpia')}</Text>;
      }
      const signOff = platform.dpiaSignOff;
      return (
        <DetailList
          items={[
            [t('platform.documentRef'), dpia.documentRef],
            [t('platform.dpiaVersion'), dpia.version],
            [t('platform.dpiaDate'), <Day value={dpia.date} />],
            [t('platform.dpiaStatus'), t(DPIA_STATUS_LABELS[dpia.status])],
            [t('registry.nextReviewOn'), <Day value={dpia.nextReviewOn} />],
            [
              t('platform.signOff'),
              signOff === null
                ? t('platform.notSignedOff')
                : t('platform.signedOffBy', {
                    name: signOff.signedOffByName ?? signOff.signedOffBy,
                    at: formatDateTime(signOff.signedOffAt),
                  }),
            ],
          ]}
        />
      );
    }
    case 'storage':
      return (
        <Text style={{ whiteSpace: 'pre-line' }}>{<Maybe value={platform.storagePeriods} />}</Text>
      );
  }
}
