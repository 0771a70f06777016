// The "?" dialog: every shortcut of the inbox with what it does.
import { Kbd, Modal, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { SHORTCUTS } from './inbox.keys.ts';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('inbox.keys.title')}
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Text size="sm" mb="sm">
        {t('inbox.keys.intro')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('inbox.keys.key')}</Table.Th>
            <Table.Th scope="col">{t('inbox.keys.does')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.command}>
              <Table.Td>
                {shortcut.keys.map((key, index) => (
                  <Fragment key={key}>
                    {index > 0 && ' / '}
                    <Kbd>{key}</Kbd>
                  </Fragment>
                ))}
              </Table.Td>
              <Table.Td>{t(shortcut.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
