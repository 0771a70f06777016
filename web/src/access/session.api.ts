// Session and authentication endpoints.
import { apiGet, apiPost } from '../api/api.client.ts';
import type { AuthResult, Session } from '../api/api.types.ts';

export const OIDC_LOGIN_URL = '/api/auth/oidc/login';

export function fetchSession(): Promise<Session> {
  return apiGet<Session>('/api/session');
}

export function login(email: string, password: string): Promise<AuthResult> {
  return apiPost<AuthResult>('/api/auth/login', { email, password });
}

export function logout(): Promise<undefined> {
  return apiPost<undefined>('/api/auth/logout');
}

export function logoutEverywhere(): Promise<undefined> {
  return apiPost<undefined>('/api/auth/logout-everywhere');
}

export interface SetupInput {
  token: string;
  email: string;
  displayName: string;
  password: string;
}

export function completeSetup(input: SetupInput): Promise<AuthResult> {
  return apiPost<AuthResult>('/api/setup', input);
}

export function acceptInvite(token: string, password: string): Promise<AuthResult> {
  return apiPost<AuthResult>('/api/auth/accept-invite', { token, password });
}
