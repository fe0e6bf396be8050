import type { ComponentType, LazyExoticComponent } from 'react';
import { describe, expect, it } from 'vitest';
import { zhCompare } from './format';
import { documentTitle, isUnder, navSections, pageMeta, visibleNav } from './nav';
import { type Me, NAV_GROUPS, type NavEntry, type PageRoute, type WebModule } from './registry';

const element = null as unknown as LazyExoticComponent<ComponentType>;
const entry = (
  key: string,
  label: string,
  path: string,
  group: NavEntry['group'],
  order: number,
): NavEntry => ({
  key,
  label,
  path,
  group,
  order,
});
const NAV: NavEntry[] = [
  entry('meetings-review', '记录审核', '/meetings/review', NAV_GROUPS.life, 31),
  entry('people', '人员', '/people', NAV_GROUPS.org, 20),
  entry('home', '首页', '/', NAV_GROUPS.home, 0),
  entry('meetings', '组织生活', '/meetings', NAV_GROUPS.life, 30),
  entry('people-import', '名册导入', '/people/import', NAV_GROUPS.org, 25),
  {
    ...entry('audit', '审计日志', '/audit', NAV_GROUPS.system, 90),
    visible: (me) => me.abilities['audit.read'],
  },
];
const ROUTES: PageRoute[] = [
  '/',
  '/people',
  '/people/new',
  '/people/import',
  '/people/:id',
  '/people/:id/edit',
  '/meetings',
  '/meetings/review',
  '/meetings/:id',
  '/meetings/:id/edit',
  '/audit',
].map((path) => ({ path, element }));
ROUTES.push({ path: '/meetings/new', element, title: '记录会议' }, { path: '/todo', element, title: '待办' });

const me = (abilities: Record<string, boolean> = {}) => ({ abilities }) as unknown as Me;
const modules: WebModule[] = [{ name: 'test', routes: ROUTES, nav: NAV }];

describe('navigation', () => {
  it('groups visible entries by group order, entries by order', () => {
    const nav = visibleNav(modules, me());
    expect(nav.map((n) => n.key)).toEqual(['home', 'people', 'people-import', 'meetings', 'meetings-review']);
    expect(navSections(nav).map((s) => [s.group.label, s.entries.length])).toEqual([
      ['首页', 1],
      ['组织与党员', 2],
      ['组织生活', 2],
    ]);
    expect(visibleNav(modules, me({ 'audit.read': true })).at(-1)?.key).toBe('audit');
  });

  it('compares paths by whole segments', () => {
    expect(isUnder('/people/1', '/people')).toBe(true);
    expect(isUnder('/peoplex', '/people')).toBe(false);
    expect(isUnder('/people', '/')).toBe(false);
  });

  it('names a menu page by its label, without breadcrumbs', () => {
    const nav = visibleNav(modules, me());
    const m = pageMeta('/meetings/review', ROUTES, nav, NAV);
    expect(m).toMatchObject({ title: '记录审核', inMenu: true, crumbs: [] });
    expect(documentTitle(m, null)).toBe('记录审核 - 支部在线');
  });

  it('hangs a detail page below the nearest menu entry', () => {
    const nav = visibleNav(modules, me());
    const edit = pageMeta('/people/p1/edit', ROUTES, nav, NAV);
    expect(edit.entry?.key).toBe('people');
    expect(edit.crumbs).toEqual([
      { label: '组织与党员' },
      { label: '人员', to: '/people' },
      { label: '详情', to: '/people/p1' },
      { label: '编辑', to: undefined },
    ]);
    expect(edit.back).toBe('/people/p1');
    expect(documentTitle(edit, '编辑：张三')).toBe('编辑：张三 · 人员 - 支部在线');

    // A group named like its entry is not said twice; a route's title names the page.
    const record = pageMeta('/meetings/new', ROUTES, nav, NAV);
    expect(record.crumbs.map((c) => c.label)).toEqual(['组织生活', '记录会议']);
    expect(record.title).toBe('记录会议');
  });

  it('names pages outside the menu by their route title and unknown paths as missing', () => {
    const nav = visibleNav(modules, me());
    expect(pageMeta('/todo', ROUTES, nav, NAV)).toMatchObject({ title: '待办', crumbs: [] });
    expect(pageMeta('/people/a/b/c', ROUTES, nav, NAV)).toMatchObject({ title: '页面不存在', crumbs: [] });
    // A hidden entry still names the pages under it.
    expect(pageMeta('/audit', ROUTES, nav, NAV).title).toBe('审计日志');
  });

  it('sorts Chinese names by pinyin', () => {
    expect(['张三', '安娜', '李四', '白雪'].sort(zhCompare)).toEqual(['安娜', '白雪', '李四', '张三']);
  });
});
