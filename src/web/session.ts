import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import { api, setCsrfToken, showError } from './api';
import { clearDrafts, listDrafts } from './offline/drafts';
import { clearPersistedQueries } from './offline/persist';
import type { Me } from './registry';
import { ROLE_LABELS } from './roles';

/*
 * Light on purpose: the login page imports ME_KEY from here, and whatever this file imports is downloaded
 * before the login form shows (no antd, no zod: the role labels are the web's copy, roles.ts).
 */

export const ME_KEY = ['me'];

/** Signing in starts from empty caches (another user may have used this phone), then knows who is in. */
export async function startSession(queryClient: QueryClient, me: Me): Promise<void> {
  setCsrfToken(me.csrfToken);
  queryClient.clear();
  await Promise.resolve(clearPersistedQueries()).catch(() => {});
  queryClient.setQueryData(ME_KEY, me);
}

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

/** The user's roles in words, most powerful first: 党委管理员、支部书记（某支部）、党员. */
export function roleLabels(me: Me): string[] {
  const order = Object.keys(ROLE_LABELS);
  const roles = [...me.roles].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  const labels = roles.map((r) =>
    r.role === 'member'
      ? `${ROLE_LABELS.member ?? r.role}`
      : `${ROLE_LABELS[r.role] ?? r.role}（${r.orgName}）`,
  );
  if (me.user.adminRole) labels.unshift(ROLE_LABELS[me.user.adminRole] ?? me.user.adminRole);
  return [...new Set(labels)];
}

/**
 * Ends the session on the server, forgets every answer kept in memory and on the phone, deletes this
 * user's drafts (asking first when some were not sent) and goes to the login page.
 */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useContext(MeContext);
  return useCallback(async () => {
    const account = me?.user.id;
    if (account) {
      const unsent = (await listDrafts(account).catch(() => [])).length;
      if (
        unsent &&
        !window.confirm(`本机还有 ${unsent} 份草稿或未发送的记录，退出登录将删除它们。确定退出？`)
      )
        return;
    }
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (e) {
      showError(e);
    }
    setCsrfToken(null);
    queryClient.clear();
    localStorage.removeItem('bl.pickedPeople'); // PersonPicker's names of people picked lately
    await Promise.all([clearPersistedQueries(), account ? clearDrafts(account) : null]).catch(() => {});
    navigate('/login', { replace: true });
  }, [queryClient, navigate, me]);
}
