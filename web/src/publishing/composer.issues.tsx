// The summary above the composer: a quiet count while typing (polite live region), the full list
// as an alert after a refused save or submit. Each entry jumps to its field.
import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { LocatedIssue } from './composer.draft.ts';

export function IssueSummary({
  issues,
  message,
  announce,
  onJump,
}: {
  issues: readonly LocatedIssue[];
  /** A failure without field, e.g. the network. */
  message: string | null;
  /** Increases with every refused attempt; each one is announced and receives focus. */
  announce: number;
  onJump: (issue: LocatedIssue) => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (announce > 0) {
      ref.current?.focus();
    }
  }, [announce]);

  const show = issues.length > 0 || message !== null;
  return (
    <Stack gap="xs">
      <Text size="sm" role="status">
        {issues.length === 0
          ? t('composer.noIssues')
          : issues.length === 1
            ? t('composer.issueCountOne')
            : t('composer.issueCount', { count: issues.length })}
      </Text>
      {show && (
        <Alert
          ref={ref}
          tabIndex={-1}
          color={announce > 0 ? 'red' : 'yellow'}
          variant="light"
          // Mantine's Alert is role=alert by default: only a refused attempt should interrupt.
          role={announce > 0 ? 'alert' : 'region'}
          title={announce > 0 ? t('composer.issuesRefused') : t('composer.issuesTitle')}
          styles={announce > 0 ? undefined : { root: { color: 'var(--mantine-color-dark-7)' } }}
        >
          <Stack gap={4}>
            {message !== null && <Text size="sm">{message}</Text>}
            {issues.length > 0 && (
              <List size="sm">
                {issues.map((issue, index) => (
                  <List.Item key={`${String(index)}-${issue.message}`}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      c="dark.8"
                      underline="always"
                      onClick={() => {
                        onJump(issue);
                      }}
                    >
                      {issue.message}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
