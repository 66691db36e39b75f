// Which actions the signed-in role may take, so pages show what the server would refuse (403)
// disabled with the reason instead of failing after the click. The server still decides: each
// route's minimum role is declared with the route (api/<feature>/*_routes.cpp; x-rivetr-min-role in /api/openapi.json); these names follow it.
import { useContext } from 'react';
import type { Me } from '../api/types';
import { MeContext } from './me';

export type MinRole = 'developer' | 'admin';
export interface Permission {
  allowed: boolean;
  /** Why not, in words a user can act on ("Viewers cannot deploy — ask an admin for the developer role"). */
  reason?: string;
}

const RANK: Record<string, number> = { viewer: 0, developer: 1, admin: 2 };
const PLURAL: Record<string, string> = { viewer: 'Viewers', developer: 'Developers' };

/** `action` completes "Viewers cannot …" (e.g. "deploy", "delete apps"). */
export function permission(role: Me['role'] | undefined, min: MinRole, action: string): Permission {
  // No session (tests, a page outside the shell) or a server too old to say: let the server decide.
  if (!role || !(role in RANK) || RANK[role] >= RANK[min]) return { allowed: true };
  return { allowed: false, reason: `${PLURAL[role]} cannot ${action} — ask an admin for the ${min} role` };
}

/** The signed-in user's permission for an action that needs `min` (from /api/auth/me). */
export function useCan(min: MinRole, action: string): Permission {
  return permission(useContext(MeContext)?.role, min, action);
}
