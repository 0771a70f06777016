// The signed-in frame: header, navigation, main content. Pages render into the <Outlet>.
import { AppShell, Burger, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSession, useSignedInSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { CrisisBanner } from '../crisis/crisis.banner.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { NotificationBell } from '../notifications/notifications.bell.tsx';
import { LanguageSwitch } from './layout.language-switch.tsx';
import { MainNav } from './layout.nav.tsx';
import { Loading } from './layout.page.tsx';
import { MAIN_ID, SkipLink } from './layout.skip-link.tsx';

function AccountControls() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const { user } = useSignedInSession();
  const [busy, setBusy] = useState(false);

  const run = (everywhere: boolean) => {
    setBusy(true);
    // On success the route guard sends the user to the login page.
    signOut(everywhere).catch((error: unknown) => {
      setBusy(false);
      window.alert(errorText(error, t));
    });
  };

  return (
    <Group gap="xs" wrap="nowrap">
      {/* No portal: the dropdown stays inside the header landmark. No focus placeholder:
          Mantine's placeholder div inside role="menu" fails axe's aria-required-children. */}
      <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button
            variant="subtle"
            color="dark"
            aria-label={t('app.accountMenu', { name: user.displayName })}
          >
            {user.displayName}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            disabled={busy}
            onClick={() => {
              run(true);
            }}
          >
            {t('app.logoutEverywhere')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button
        variant="default"
        loading={busy}
        onClick={() => {
          run(false);
        }}
      >
        {t('app.logout')}
      </Button>
    </Group>
  );
}

export function AppShellLayout() {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery('(max-width: 48em)');
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(pathname);

  useEffect(() => {
    // After client-side navigation, move focus to the new content as a full page load would.
    if (lastPath.current !== pathname) {
      lastPath.current = pathname;
      mainRef.current?.focus();
    }
  }, [pathname]);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
              <Text fw={700} size="lg">
                {t('app.name')}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NotificationBell />
              <Group gap="sm" wrap="nowrap" visibleFrom="sm">
                <LanguageSwitch />
                <AccountControls />
              </Group>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar
          id="main-navigation"
          p="sm"
          aria-label={t('app.mainNavigation')}
          inert={isMobile && !opened}
        >
          <AppShell.Section grow style={{ overflowY: 'auto' }}>
            <MainNav onNavigate={close} />
          </AppShell.Section>
          {/* Small screens have no room in the header; the same controls live in the menu. */}
          <AppShell.Section hiddenFrom="sm" pt="md">
            <Stack gap="sm" align="flex-start">
              <LanguageSwitch />
              <AccountControls />
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="sf-main">
          <CrisisBanner />
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
