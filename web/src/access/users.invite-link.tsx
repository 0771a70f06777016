// Shows a freshly created invite link exactly once; the server keeps only its hash.
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';

export function InviteLink({
  name,
  url,
  onClose,
}: {
  name: string;
  url: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, [url]);

  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="blue"
      variant="light"
      role="status"
      title={t('users.inviteTitle', { name })}
      mb="lg"
    >
      <Stack gap="sm">
        <Text size="sm">{t('users.inviteHint')}</Text>
        <Code
          block
          data-testid="invite-url"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        >
          {url}
        </Code>
        <Group>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="xs" onClick={copy}>
                {copied ? t('users.copied') : t('users.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
