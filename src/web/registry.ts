import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Me as MeAnswer } from '../platform/me';

/** The signed-in user as `GET /me` answers: user, roles, scope and the abilities the server grants. */
export type Me = MeAnswer;

/**
 * The groups of the navigation, in menu order. A module puts its entries in one of these (or declares a
 * new group with its own order); the shell collapses and orders them.
 */
export interface NavGroup {
  key: string;
  label: string;
  order: number;
}
export const NAV_GROUPS = {
  home: { key: 'home', label: '首页', order: 0 },
  org: { key: 'org', label: '组织与党员', order: 10 },
  life: { key: 'life', label: '组织生活', order: 20 },
  safety: { key: 'safety', label: '安全生产', order: 30 },
  training: { key: 'training', label: '素质培训', order: 40 },
  supervision: { key: 'supervision', label: '督办考核', order: 50 },
  system: { key: 'system', label: '系统管理', order: 90 },
} satisfies Record<string, NavGroup>;

export interface NavEntry {
  key: string;
  /** The menu label; the page's title is the same words. */
  label: string;
  icon?: ReactNode;
  path: string;
  group: NavGroup;
  /** Order within the group. */
  order: number;
  /** From the server's abilities (`me.abilities['<module>.<key>']`) or scope; never from role names. */
  visible?: (me: Me) => boolean;
}

export interface PageRoute {
  path: string;
  element: LazyExoticComponent<ComponentType>;
  /**
   * The page's name where the menu does not give one: the last breadcrumb of a detail page
   * (`/meetings/new` → '记录会议'; without it the shell says 详情 / 新建 / 编辑 / 导入), or the title of a page
   * outside the menu (`/todo` → '待办').
   */
  title?: string;
}

/** A shortcut on the phone's 记录 tab: the things a secretary records. */
export interface QuickAction {
  key: string;
  label: string;
  icon?: ReactNode;
  path: string;
  order: number;
  visible?: (me: Me) => boolean;
}

/** A card on the home page, below the to-do. */
export interface HomeCard {
  key: string;
  order: number;
  element: LazyExoticComponent<ComponentType>;
  visible?: (me: Me) => boolean;
  /** Take the whole row on a wide screen (default: half of it). */
  wide?: boolean;
}

/**
 * What a module contributes to the web app, declared in its `web/index.tsx` as `export const web`.
 * The shell finds every module's web part by itself; nothing outside the module lists it.
 */
export interface WebModule {
  name: string;
  routes: PageRoute[];
  nav: NavEntry[];
  quickActions?: QuickAction[];
  homeCards?: HomeCard[];
}

/** `me.abilities` lookup: whether the server lets the caller do this. */
export const can = (me: Me, ability: string): boolean => me.abilities[ability] === true;
