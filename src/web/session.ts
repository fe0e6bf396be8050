import { createContext, useContext } from 'react';
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
