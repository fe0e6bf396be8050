import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../kernel/accounts/contract';
import { api, setCsrfToken, showError } from './api';
import type { Me } from './registry';

export const ME_KEY = ['me'];

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only used inside the app shell, where it is always loaded. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the app shell');
  return me;
}

export const isManager = (me: Me) => me.scope.managesOrgs;
export const isAdmin = (me: Me, role?: 'system_admin' | 'security_admin' | 'audit_admin') =>
  role ? me.user.adminRole === role : me.user.adminRole !== null;

const ROLE_ORDER = Object.keys(ROLE_LABELS);

/** The user's roles in words, most powerful first: 党委管理员、支部书记（某支部）、党员. */
export function roleLabels(me: Me): string[] {
  const roles = [...me.roles].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const labels = roles.map((r) =>
    r.role === 'member' ? `${ROLE_LABELS.member}` : `${ROLE_LABELS[r.role] ?? r.role}（${r.orgName}）`,
  );
  if (me.user.adminRole) labels.unshift(ROLE_LABELS[me.user.adminRole] ?? me.user.adminRole);
  return [...new Set(labels)];
}

/** Ends the session on the server, forgets every cached answer and goes to the login page. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (e) {
      showError(e);
    }
    setCsrfToken(null);
    queryClient.clear();
    navigate('/login', { replace: true });
  }, [queryClient, navigate]);
}
