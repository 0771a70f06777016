// Dokumente: the public documents generated from the registry, and the record of processing
// activities (Art. 30) to download. Previews load only on request.
import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import {
  fetchPlatforms,
  PUBLIC_NOTICES_PATH,
  ROPA_CSV_PATH,
  ROPA_PDF_PATH,
} from './registry.api.ts';
import { ExternalLink, Section } from './registry.fields.tsx';

interface Preview {
  title: string;
  url: string;
}

type PreviewState =
  | { status: 'loading'; item: Preview }
  | { status: 'failed'; item: Preview; code: number }
  | { status: 'ready'; item: Preview; html: string };

/**
 * The public pages forbid framing (frame-ancestors 'none'), so the preview loads their HTML and
 * shows it in a sandboxed frame: no scripts; same origin only so the page's stylesheet loads.
 */
async function loadPreview(item: Preview): Promise<PreviewState> {
  try {
    const response = await fetch(item.url, { credentials: 'same-origin' });
    if (!response.ok) {
      return { status: 'failed', item, code: response.status };
    }
    // Links in the document open in a new tab instead of inside the (unframeable) preview.
    const html = (await response.text()).replace(
      /<head([^>]*)>/i,
      '<head$1><base target="_blank">',
    );
    return { status: 'ready', item, html };
  } catch {
    return { status: 'failed', item, code: 0 };
  }
}

export function DocumentsPage() {
  const { t } = useI18n();
  const platforms = useResource(fetchPlatforms);
  const [preview, setPreview] = useState<PreviewState | null>(null);

  const toggle = (item: Preview) => {
    if (preview?.item.url === item.url) {
      setPreview(null);
      return;
    }
    setPreview({ status: 'loading', item });
    void loadPreview(item).then((next) => {
      // Only the last requested preview may show.
      setPreview((current) => (current?.item.url === item.url ? next : current));
    });
  };

  const previewButton = (item: Preview) => (
    <Button
      size="xs"
      variant={preview?.item.url === item.url ? 'filled' : 'default'}
      aria-pressed={preview?.item.url === item.url}
      aria-controls="documents-preview"
      aria-label={t('documents.previewLabel', { title: item.title })}
      onClick={() => {
        toggle(item);
      }}
    >
      {t('documents.preview')}
    </Button>
  );
  const overview: Preview = { title: t('documents.overview'), url: PUBLIC_NOTICES_PATH };

  return (
    <>
      <PageHeader title={t('documents.title')} intro={t('documents.intro')} />
      <Stack gap="lg">
        <Section id="documents-public" title={t('documents.publicTitle')}>
          <Text mb="sm">{t('documents.publicIntro')}</Text>
          <List spacing="sm" listStyleType="none" ml={0} pl={0}>
            <List.Item>
              <Group gap="sm">
                <ExternalLink href={overview.url}>{overview.title}</ExternalLink>
                {previewButton(overview)}
              </Group>
            </List.Item>
            {platforms.resource.status === 'ready' &&
              platforms.resource.data.map((platform) => {
                const item: Preview = {
                  title: t('documents.notice', { name: platform.name }),
                  url: `${PUBLIC_NOTICES_PATH}/${platform.key}`,
                };
                return (
                  <List.Item key={platform.id}>
                    <Group gap="sm">
                      <ExternalLink href={item.url}>{item.title}</ExternalLink>
                      {previewButton(item)}
                    </Group>
                  </List.Item>
                );
              })}
          </List>
          {platforms.resource.status === 'loading' && <Loading />}
          {platforms.resource.status === 'error' && (
            <LoadError error={platforms.resource.error} onRetry={platforms.reload} />
          )}
          <div id="documents-preview" aria-live="polite">
            {preview?.status === 'loading' && <Loading />}
            {preview?.status === 'failed' && (
              <Alert color="gray" variant="light" mt="md">
                {preview.code === 404
                  ? t('documents.previewMissing', { title: preview.item.title })
                  : t('documents.previewFailed', { title: preview.item.title })}
              </Alert>
            )}
            {preview?.status === 'ready' && (
              <iframe
                title={t('documents.previewFrame', { title: preview.item.title })}
                srcDoc={preview.html}
                sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
                className="sf-preview"
              />
            )}
          </div>
        </Section>
        <Section id="documents-ropa" title={t('documents.ropaTitle')}>
          <Text mb="sm">{t('documents.ropaIntro')}</Text>
          <List spacing="xs">
            <List.Item>
              <Anchor href={ROPA_CSV_PATH} download>
                {t('documents.ropaCsv')}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor href={ROPA_PDF_PATH} download>
                {t('documents.ropaPdf')}
              </Anchor>
            </List.Item>
          </List>
        </Section>
      </Stack>
    </>
  );
}
