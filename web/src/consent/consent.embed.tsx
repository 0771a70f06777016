// "Einbinden": the one tag for the city website, placeholder markup, demo preview, config version.
import { Button, Code, Group, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ExternalLink } from '../registry/registry.fields.tsx';
import { DEMO_PATH, widgetSnippet } from './consent.api.ts';

const SNIPPET_ID = 'consent-snippet';
const PLACEHOLDER_ID = 'consent-placeholder';
const PLACEHOLDER_MARKUP =
  '<div data-stadtfunk-embed="youtube" data-src="https://www.youtube.com/embed/…"\n' +
  '  data-title="Video: …" style="aspect-ratio: 16 / 9"></div>';

function CopySnippet({ snippet }: { snippet: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);

  const copy = async () => {
    setStatus('');
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus(t('consent.copied'));
    } catch {
      // Clipboard access can be refused; selecting the code lets the person copy it themselves.
      ref.current?.focus();
      ref.current?.select();
      setStatus(t('consent.copyFailed'));
    }
  };

  return (
    <Stack gap="xs">
      <Textarea
        ref={ref}
        id={SNIPPET_ID}
        label={t('consent.snippet')}
        value={snippet}
        readOnly
        autosize
        minRows={2}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group>
        <Button
          variant="filled"
          aria-describedby={SNIPPET_ID}
          onClick={() => {
            void copy();
          }}
        >
          {t('consent.copy')}
        </Button>
      </Group>
      {/* Always rendered, so screen readers announce the confirmation when it appears. */}
      <Text size="sm" role="status" aria-live="polite">
        {status}
      </Text>
    </Stack>
  );
}

export function ConsentEmbed({ version }: { version: string }) {
  const { t } = useI18n();
  const snippet = widgetSnippet(window.location.origin);
  return (
    <Stack gap="md">
      <Text size="sm">{t('consent.embedIntro')}</Text>
      <CopySnippet snippet={snippet} />
      <Stack gap="xs">
        <Text size="sm" id={`${PLACEHOLDER_ID}-label`}>
          {t('consent.placeholderIntro')}
        </Text>
        <Code block aria-labelledby={`${PLACEHOLDER_ID}-label`}>
          {PLACEHOLDER_MARKUP}
        </Code>
      </Stack>
      <Text size="sm">
        <ExternalLink href={DEMO_PATH}>{t('consent.preview')}</ExternalLink>
      </Text>
      <Stack gap={4}>
        <Text size="sm" fw={600} id="consent-version-label">
          {t('consent.version')}
        </Text>
        <Code aria-labelledby="consent-version-label" style={{ overflowWrap: 'anywhere' }}>
          {version}
        </Code>
        <Text size="sm" c="dimmed">
          {t('consent.versionHint')}
        </Text>
      </Stack>
    </Stack>
  );
}
