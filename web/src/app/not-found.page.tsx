// Fallback for unknown addresses inside the signed-in area.
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import { PageHeader } from '../layout/layout.page.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Text mb="md">{t('notFound.text')}</Text>
      <Anchor component={Link} to="/">
        {t('notFound.back')}
      </Anchor>
    </>
  );
}
