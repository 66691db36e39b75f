// Settings: API tokens, users and the audit log (admins), each with its key and the changes that
// make it stale. None of these is in the live feed: a change made here refreshes its own list.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { credentials, del, get, post, put } from '../../shared/api/client';
import type { AuditEntry, DockerPolicy, Me, PasswordChanged, RecoveryCodes, RecoveryCodeState, Token, TotpSetup, TotpState, User } from '../../shared/api/types';
import { useApiMutation } from '../../shared/data/useApiMutation';

export const settingsKeys = {
  tokens: ['tokens'] as const,
  users: ['users'] as const,
  audit: ['audit'] as const,
  dockerPolicy: ['docker-policy'] as const,
};
const AUDIT_PAGE = 50;
const enc = encodeURIComponent;

export const useTokens = () => useQuery({ queryKey: settingsKeys.tokens, queryFn: () => get<Token[]>('/api/tokens') });
export const useUsers = () => useQuery({ queryKey: settingsKeys.users, queryFn: () => get<User[]>('/api/users') });

/** The audit log, newest first, a page of 50 at a time (?before= the oldest id shown). */
export function useAudit() {
  return useInfiniteQuery({
    queryKey: settingsKeys.audit,
    initialPageParam: 0,
    queryFn: ({ pageParam }) => get<AuditEntry[]>(`/api/audit?limit=${AUDIT_PAGE}${pageParam ? `&before=${pageParam}` : ''}`),
    getNextPageParam: (last) => (last.length === AUDIT_PAGE ? last[last.length - 1].id : undefined),
  });
}

export function useCreateToken(onCreated: (t: Token) => void) {
  return useApiMutation({
    run: (body: { name: string; role: string }) => post<Token>('/api/tokens', body),
    success: (t) => `Token ${t.name} created`,
    failure: 'Token not created',
    onDone: onCreated,
    invalidates: () => [settingsKeys.tokens, settingsKeys.audit],
  });
}

export function useRevokeToken() {
  return useApiMutation({
    run: (t: Token) => del(`/api/tokens/${enc(t.id)}`),
    success: (_r, t) => `Token ${t.name} revoked`,
    failure: 'Revoke failed',
    invalidates: () => [settingsKeys.tokens, settingsKeys.audit],
  });
}

export function useCreateUser(onCreated: () => void) {
  return useApiMutation({
    run: (body: { username: string; password: string; role: string }) => post<User>('/api/users', body),
    success: (_u, v) => `User ${v.username} added`,
    failure: 'User not added',
    onDone: onCreated,
    invalidates: () => [settingsKeys.users, settingsKeys.audit],
  });
}

export function useChangeUser(what: string) {
  return useApiMutation({
    run: ({ user, change }: { user: User; change: Record<string, unknown> }) => put<User>(`/api/users/${enc(user.id)}`, change),
    success: (_r, v) => `${what}: ${v.user.username}`,
    failure: `${what} failed`,
    // Disabling a user revokes their tokens.
    invalidates: () => [settingsKeys.users, settingsKeys.tokens, settingsKeys.audit],
  });
}

export function useDeleteUser() {
  return useApiMutation({
    run: (u: User) => del(`/api/users/${enc(u.id)}`),
    success: (_r, u) => `User ${u.username} deleted`,
    failure: 'Delete failed',
    invalidates: () => [settingsKeys.users, settingsKeys.tokens, settingsKeys.audit],
  });
}

// The signed-in user's second factor (TwoFactor.tsx keeps its own step-by-step state).
export const totpApi = {
  me: () => get<Me>('/api/auth/me'),
  setup: () => post<TotpSetup>('/api/auth/totp/setup'),
  enable: (code: string) => post<TotpState>('/api/auth/totp/enable', { code }),
  disable: (code: string) => post<TotpState>('/api/auth/totp/disable', { code }),
  recoveryState: () => get<RecoveryCodeState>('/api/auth/recovery-codes'),
  /** A fresh set of recovery codes; `proof` is a current TOTP code or the password. */
  regenerate: (proof: { code: string } | { password: string }) => post<RecoveryCodes>('/api/auth/recovery-codes', proof),
};

/** Changes the caller's own password. The server ends every session and hands this browser a fresh one. */
export async function changeOwnPassword(current: string, next: string): Promise<PasswordChanged> {
  const r = await post<PasswordChanged>('/api/auth/password', { current_password: current, new_password: next });
  if (r.csrf_token) credentials.csrf = r.csrf_token;
  return r;
}

/** The Docker create policy: the bind roots non-admins may mount (config file's or an admin's saved list). */
export const useDockerPolicy = () =>
  useQuery({ queryKey: settingsKeys.dockerPolicy, queryFn: () => get<DockerPolicy>('/api/docker/policy') });

/** Saves the bind roots (null: back to the config file's). The server validates; a bad root is a 400 on the field. */
export function useSaveDockerPolicy() {
  return useApiMutation({
    run: (roots: string[] | null) => put<DockerPolicy>('/api/docker/policy', { allowed_bind_roots: roots }),
    success: () => 'Docker policy saved',
    failure: 'Docker policy not saved',
    invalidates: () => [settingsKeys.dockerPolicy, settingsKeys.audit],
  });
}
