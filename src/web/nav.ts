import { createContext, useContext } from 'react';
import { matchPath } from 'react-router';
import type { Me, NavEntry, NavGroup, PageRoute, QuickAction, WebModule } from './registry';

/** The brand, the last words of every document title. */
export const APP_NAME = '支部在线';

const byOrder = (a: NavEntry, b: NavEntry) => a.group.order - b.group.order || a.order - b.order;

/** The navigation entries the server lets this user see, in menu order (group, then entry). */
export function visibleNav(modules: WebModule[], me: Me): NavEntry[] {
  return modules
    .flatMap((m) => m.nav)
    .filter((n) => !n.visible || n.visible(me))
    .sort(byOrder);
}

/** The quick actions (phone 记录 tab) the user may take, in order. */
export function visibleQuickActions(modules: WebModule[], me: Me): QuickAction[] {
  return modules
    .flatMap((m) => m.quickActions ?? [])
    .filter((q) => !q.visible || q.visible(me))
    .sort((a, b) => a.order - b.order);
}

export interface NavSection {
  group: NavGroup;
  entries: NavEntry[];
}

/** Entries (already sorted) gathered under their groups, groups ordered by `group.order`. */
export function navSections(entries: NavEntry[]): NavSection[] {
  const sections = new Map<string, NavSection>();
  for (const e of entries) {
    const s = sections.get(e.group.key) ?? { group: e.group, entries: [] };
    s.entries.push(e);
    sections.set(e.group.key, s);
  }
  return [...sections.values()].sort((a, b) => a.group.order - b.group.order);
}

const clean = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
const segments = (path: string) => clean(path).split('/').filter(Boolean);

/** Whether `pathname` is `base` or below it (by whole segments; `/` only contains itself). */
export function isUnder(pathname: string, base: string): boolean {
  const p = clean(pathname);
  const b = clean(base);
  if (b === '/') return p === '/';
  return p === b || p.startsWith(`${b}/`);
}

/** The menu entry a page belongs to: the one with the longest path that is a prefix of `pathname`. */
export function nearestEntry(pathname: string, entries: NavEntry[]): NavEntry | undefined {
  return entries
    .filter((n) => isUnder(pathname, n.path))
    .sort((a, b) => segments(b.path).length - segments(a.path).length)[0];
}

/** The route pattern that serves `pathname`: static segments beat parameters, as in React Router. */
export function matchRoute(pathname: string, routes: PageRoute[]): PageRoute | undefined {
  const score = (r: PageRoute) => segments(r.path).reduce((s, seg) => s + (seg.startsWith(':') ? 1 : 3), 0);
  return routes
    .filter((r) => matchPath({ path: r.path, end: true }, clean(pathname)))
    .sort((a, b) => score(b) - score(a))[0];
}

const SEGMENT_LABELS: Record<string, string> = {
  new: '新建',
  edit: '编辑',
  import: '导入',
  print: '打印',
  history: '历史',
};
const segmentLabel = (seg: string) => SEGMENT_LABELS[seg] ?? '详情';

export interface Crumb {
  label: string;
  /** Where the crumb leads; none for the group and the current page. */
  to?: string;
}

/** What the shell knows of the page at a path: its name, and for a detail page its way back. */
export interface PageMeta {
  /** The page's name: the menu label of a menu page, else the route's title or a derived 详情/编辑. */
  title: string;
  /** The menu entry the page belongs to (itself, or the nearest one above a detail page). */
  entry?: NavEntry;
  /** The page is a menu entry itself: its heading is the menu label. */
  inMenu: boolean;
  /** Group › menu entry › … › this page; empty unless a detail page. */
  crumbs: Crumb[];
  /** Where the back arrow leads when there is no history to go back to. */
  back?: string;
}

/**
 * The name and breadcrumbs of the page at `pathname`. A detail page (a route that is not a menu entry)
 * hangs below the nearest menu entry whose path is a prefix of it: `/people/1/edit` → 组织与党员 › 人员 ›
 * 详情 › 编辑. Menu entries the user cannot see still name the pages below them.
 */
export function pageMeta(
  pathname: string,
  routes: PageRoute[],
  visible: NavEntry[],
  all: NavEntry[],
): PageMeta {
  const path = clean(pathname);
  const route = matchRoute(path, routes);
  const exact = visible.find((n) => clean(n.path) === path) ?? all.find((n) => clean(n.path) === path);
  if (exact) return { title: exact.label, entry: exact, inMenu: true, crumbs: [] };
  const entry = nearestEntry(path, visible) ?? nearestEntry(path, all);
  if (!route) return { title: '页面不存在', inMenu: false, crumbs: [] };
  if (!entry) return { title: route.title ?? '', inMenu: false, crumbs: [] };

  const base = segments(entry.path).length;
  const pattern = segments(route.path);
  const actual = segments(path);
  const crumbs: Crumb[] = [];
  if (entry.group.key !== 'home' && entry.group.label !== entry.label)
    crumbs.push({ label: entry.group.label });
  crumbs.push({ label: entry.label, to: entry.path });
  for (let i = base; i < pattern.length; i++) {
    const subPattern = `/${pattern.slice(0, i + 1).join('/')}`;
    const sub = routes.find((r) => clean(r.path) === subPattern);
    const last = i === pattern.length - 1;
    crumbs.push({
      label: (last ? route.title : sub?.title) ?? segmentLabel(pattern[i]),
      to: !last && sub ? `/${actual.slice(0, i + 1).join('/')}` : undefined,
    });
  }
  const back = [...crumbs.slice(0, -1)].reverse().find((c) => c.to)?.to;
  return { title: crumbs[crumbs.length - 1].label, entry, inMenu: false, crumbs, back };
}

/** The shell's page meta with a way for `<Page>` to report its own heading (for the document title). */
export interface PageMetaValue extends PageMeta {
  setHeading: (heading: string | null) => void;
}

export const PageMetaContext = createContext<PageMetaValue | null>(null);

/** The current page's name and breadcrumbs as the shell derived them; null outside the shell. */
export const usePageMeta = (): PageMetaValue | null => useContext(PageMetaContext);

/** `"<page> - 支部在线"`, with the menu entry between for detail pages. */
export function documentTitle(meta: PageMeta, heading: string | null): string {
  if (meta.inMenu) return `${meta.title} - ${APP_NAME}`;
  const page = heading || meta.title;
  if (!page) return APP_NAME;
  return meta.entry && meta.crumbs.length
    ? `${page} · ${meta.entry.label} - ${APP_NAME}`
    : `${page} - ${APP_NAME}`;
}
