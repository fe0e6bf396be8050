import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

/** What a module contributes to the web app: its pages and its navigation entries. */
export interface WebModule {
  routes: { path: string; element: LazyExoticComponent<ComponentType> }[];
  nav: {
    key: string;
    label: string;
    icon?: ReactNode;
    path: string;
    order: number;
    visible?: (me: Me) => boolean;
  }[];
}

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    personId: string | null;
    adminRole: string | null;
    mustChangePassword: boolean;
  };
  roles: { role: string; orgId: string; orgName: string }[];
  scope: {
    orgIds: string[];
    self: string | null;
    managesOrgs: boolean;
    seesMemberData: boolean;
    seesAuditLog: boolean;
  };
  csrfToken: string;
}
