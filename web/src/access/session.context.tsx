// Holds who is signed in; every page reads the session from here instead of fetching it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { onUnauthorized, setCsrfToken } from '../api/api.client.ts';
import type { AuthResult, Session } from '../api/api.types.ts';
import type { Permission } from './access.permissions.ts';
import { hasPermission } from './access.permissions.ts';
import { fetchSession, logout, logoutEverywhere } from './session.api.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  /** `signedOut` marks a deliberate sign-out, after which login should not return to the old page. */
  | { status: 'ready'; session: Session; signedOut?: boolean };

export interface SessionApi {
  state: SessionState;
  /** Stores the result of login, setup or accept-invite. */
  signedIn: (result: AuthResult) => void;
  signOut: (everywhere: boolean) => Promise<void>;
  reload: () => void;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

function anonymous(previous: Session | null): Session {
  return {
    user: null,
    csrfToken: null,
    permissions: [],
    setupRequired: false,
    oidcEnabled: previous?.oidcEnabled ?? false,
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    fetchSession().then(
      (session) => {
        if (current) {
          setCsrfToken(session.csrfToken);
          setState((previous) => ({
            status: 'ready',
            session,
            signedOut: previous.status === 'ready' && previous.signedOut === true,
          }));
        }
      },
      (error: unknown) => {
        if (current) {
          setState({ status: 'error', error });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [generation]);

  useEffect(() => {
    // An expired cookie shows up as 401 on any call; fall back to the login page then.
    onUnauthorized(() => {
      setCsrfToken(null);
      setState((previous) =>
        previous.status === 'ready'
          ? { status: 'ready', session: anonymous(previous.session) }
          : previous,
      );
    });
    return () => {
      onUnauthorized(null);
    };
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((value) => value + 1);
  }, []);

  const signedIn = useCallback((result: AuthResult) => {
    setCsrfToken(result.csrfToken);
    setState((previous) => ({
      status: 'ready',
      session: {
        user: result.user,
        csrfToken: result.csrfToken,
        permissions: result.permissions,
        setupRequired: false,
        oidcEnabled: previous.status === 'ready' ? previous.session.oidcEnabled : false,
      },
    }));
  }, []);

  const signOut = useCallback(async (everywhere: boolean) => {
    await (everywhere ? logoutEverywhere() : logout());
    setCsrfToken(null);
    setState((previous) => ({
      status: 'ready',
      session: anonymous(previous.status === 'ready' ? previous.session : null),
      signedOut: true,
    }));
    // A fresh anonymous session may carry a new CSRF token and the current SSO setting.
    setGeneration((value) => value + 1);
  }, []);

  const value = useMemo<SessionApi>(() => {
    const permissions = state.status === 'ready' ? state.session.permissions : [];
    return {
      state,
      signedIn,
      signOut,
      reload,
      can: (permission) => hasPermission(permissions, permission),
    };
  }, [state, signedIn, signOut, reload]);

  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (value === null) {
    throw new Error('useSession must be used inside SessionProvider');
  }
  return value;
}

/** For pages behind the auth guard, where a signed-in user is guaranteed. */
export function useSignedInSession(): Session & { user: NonNullable<Session['user']> } {
  const { state } = useSession();
  if (state.status !== 'ready' || state.session.user === null) {
    throw new Error('useSignedInSession used outside the signed-in area');
  }
  return { ...state.session, user: state.session.user };
}
