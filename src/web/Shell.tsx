import { UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Layout, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AppFrame } from './AppFrame';
import { api, setCsrfToken } from './api';
import { LazyResult as Result } from './components/LazyResult';
import { Loading } from './components/Loading';
import './format';
import { WEB_MODULES } from './modules';
import {
  documentTitle,
  navSections,
  nearestEntry,
  PageMetaContext,
  type PageMetaValue,
  pageMeta,
  visibleNav,
} from './nav';
import { OfflineBanner } from './offline/OfflineBanner';
import { registerServiceWorker } from './offline/sw';
import { useOutbox } from './offline/useOutbox';
import type { Me, NavEntry } from './registry';
import { ME_KEY, MeContext, roleLabels, useLogout } from './session';
import { Crumbs } from './shell/Crumbs';
import { TAB_BAR_HEIGHT, TABS, TabBar } from './shell/TabBar';
import { useTodo } from './todo';
import { useIsMobile } from './useIsMobile';

const { Header, Sider, Content } = Layout;

// What a phone does not show at first (antd's Menu, Drawer and Dropdown, about 25 KB gzip) loads when
// it is first shown: the desktop's side menu and user menu at once, the phone's 更多 at its first tap.
const SideMenu = lazy(() => import('./shell/NavMenu').then((m) => ({ default: m.SideMenu })));
const MoreDrawer = lazy(() => import('./shell/MoreDrawer'));
const UserMenu = lazy(() => import('./shell/UserMenu'));

function Brand({ short }: { short?: boolean }) {
  return (
    <Typography.Text strong style={{ color: '#c8102e', fontSize: 17, whiteSpace: 'nowrap' }}>
      {short ? '支部' : '支部在线'}
    </Typography.Text>
  );
}

// Signed in: the service worker may now precache the app for offline use, behind the first page.
registerServiceWorker(8000);

const ALL_NAV: NavEntry[] = WEB_MODULES.flatMap((m) => m.nav);
const ROUTES = WEB_MODULES.flatMap((m) => m.routes);

export default function Shell() {
  return (
    <AppFrame>
      <SignedInShell />
    </AppFrame>
  );
}

function SignedInShell() {
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: () =>
      api<Me>('/me').then((me) => {
        setCsrfToken(me.csrfToken);
        return me;
      }),
    // Restored from the phone at start (what was last loaded), then asked again in the background:
    // roles and abilities changed meanwhile show without logging out.
    staleTime: 5 * 60_000,
    retry: false,
  });
  const me = meQuery.data;
  // The kept answer carries the session's CSRF token too: changes (the outbox's first) need it at once.
  if (me) setCsrfToken(me.csrfToken);

  if (meQuery.isPending) return <Loading />;
  if (!me) {
    return (
      <Result
        status="warning"
        title="无法加载用户信息"
        subTitle={meQuery.error?.message ?? '请检查网络后重试'}
        extra={<Button onClick={() => meQuery.refetch()}>重试</Button>}
      />
    );
  }
  if (me.user.mustChangePassword) return <Navigate to="/change-password" replace />;
  if (me.user.mfaSetupRequired) return <Navigate to="/mfa" replace />;
  return (
    <MeContext.Provider value={me}>
      <SignedIn me={me} />
    </MeContext.Provider>
  );
}

function SignedIn({ me }: { me: Me }) {
  const location = useLocation();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const [drawer, setDrawer] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [heading, setHeading] = useState<string | null>(null);

  const nav = useMemo(() => visibleNav(WEB_MODULES, me), [me]);
  const sections = useMemo(() => navSections(nav), [nav]);
  const meta = useMemo(() => pageMeta(location.pathname, ROUTES, nav, ALL_NAV), [location.pathname, nav]);
  const metaValue = useMemo<PageMetaValue>(() => ({ ...meta, setHeading }), [meta]);
  const todo = useTodo(mobile);
  useOutbox(me.user.id);

  useEffect(() => {
    document.title = documentTitle(meta, heading);
  }, [meta, heading]);

  const selected = nearestEntry(location.pathname, nav);
  const roles = roleLabels(me);
  const first = nav[0]?.path ?? '/';

  const openEntry = (key: string) => {
    const target = nav.find((n) => n.key === key);
    if (target) navigate(target.path);
    setDrawer(false);
  };

  const activeTab = TABS.find((t) => t.path === location.pathname)?.key;
  const todoItems = todo.data ?? [];

  return (
    <PageMetaContext.Provider value={metaValue}>
      <Layout style={{ minHeight: '100vh' }}>
        {!mobile && (
          <DesktopSider
            collapsed={collapsed}
            onCollapse={setCollapsed}
            sections={sections}
            selectedKey={selected?.key}
            onOpen={openEntry}
          />
        )}
        <Layout style={{ minWidth: 0 }}>
          <TopBar me={me} roles={roles} mobile={mobile} />
          <Content
            style={{
              padding: mobile ? `12px 12px ${TAB_BAR_HEIGHT + 24}px` : 24,
              minWidth: 0,
            }}
          >
            <OfflineBanner account={me.user.id} />
            <Crumbs meta={meta} mobile={mobile} />
            <Suspense fallback={<Loading />}>
              <PageRoutes me={me} first={first} />
            </Suspense>
          </Content>
        </Layout>
      </Layout>
      {mobile && (
        <TabBar
          active={drawer ? 'more' : activeTab}
          todoCount={todoItems.reduce((n, i) => n + i.count, 0)}
          todoOverdue={todoItems.some((i) => (i.overdue ?? 0) > 0)}
          onTab={(t) => {
            if (t.path) {
              setDrawer(false);
              navigate(t.path);
            } else {
              setDrawerUsed(true);
              setDrawer((open) => !open);
            }
          }}
        />
      )}
      {drawerUsed && (
        <Suspense fallback={null}>
          <MoreDrawer
            open={mobile && drawer}
            onClose={() => setDrawer(false)}
            sections={sections}
            selectedKey={selected?.key}
            onOpen={openEntry}
          />
        </Suspense>
      )}
    </PageMetaContext.Provider>
  );
}

function DesktopSider({
  collapsed,
  onCollapse,
  sections,
  selectedKey,
  onOpen,
}: {
  collapsed: boolean;
  onCollapse: (collapsed: boolean) => void;
  sections: ReturnType<typeof navSections>;
  selectedKey: string | undefined;
  onOpen: (key: string) => void;
}) {
  return (
    <Sider
      theme="light"
      width={216}
      breakpoint="lg"
      collapsible
      collapsed={collapsed}
      onCollapse={onCollapse}
      style={{
        borderRight: '1px solid #f0f0f0',
        position: 'sticky',
        top: 0,
        height: '100vh',
        overflow: 'auto',
      }}
    >
      <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Brand short={collapsed} />
      </div>
      <Suspense fallback={null}>
        <SideMenu sections={sections} selectedKey={selectedKey} collapsed={collapsed} onOpen={onOpen} />
      </Suspense>
    </Sider>
  );
}

function TopBar({ me, roles, mobile }: { me: Me; roles: string[]; mobile: boolean }) {
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Header
      style={{
        background: '#fff',
        padding: mobile ? '0 12px' : '0 24px',
        height: 56,
        lineHeight: '56px',
        borderBottom: '1px solid #f0f0f0',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={8}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {mobile && <Brand />}
        </Flex>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {!mobile && (
            <Flex gap={4} wrap={false} style={{ overflow: 'hidden', maxWidth: 520 }}>
              {roles.slice(0, 3).map((r) => (
                <Tag key={r} color="red" style={{ marginInlineEnd: 0 }}>
                  {r}
                </Tag>
              ))}
            </Flex>
          )}
          {mobile ? (
            <Button
              type="text"
              icon={<UserOutlined />}
              onClick={() => navigate('/mine')}
              style={{ maxWidth: 170, height: 44 }}
            >
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.user.displayName}</span>
            </Button>
          ) : (
            <Suspense fallback={<Typography.Text>{me.user.displayName}</Typography.Text>}>
              <UserMenu
                name={me.user.displayName}
                roles={roles}
                onPassword={() => navigate('/change-password')}
                onLogout={() => void logout()}
              />
            </Suspense>
          )}
        </Flex>
      </Flex>
    </Header>
  );
}

function PageRoutes({ me, first }: { me: Me; first: string }) {
  const navigate = useNavigate();
  const guard = (path: string) => {
    const entries = ALL_NAV.filter((n) => n.path === path);
    if (!entries.length || entries.some((n) => !n.visible || n.visible(me))) return null;
    return path === '/' && first !== '/' ? (
      <Navigate to={first} replace />
    ) : (
      <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。" />
    );
  };

  return (
    <Routes>
      {ROUTES.map((r) =>
        r.path === '/' ? (
          <Route key={r.path} index element={guard(r.path) ?? <r.element />} />
        ) : (
          <Route key={r.path} path={r.path.replace(/^\//, '')} element={guard(r.path) ?? <r.element />} />
        ),
      )}
      {!ROUTES.some((r) => r.path === '/') && <Route index element={<Navigate to={first} replace />} />}
      <Route
        path="*"
        element={
          <Result
            status="404"
            title="页面不存在"
            subTitle="地址有误，或该功能尚未开放。"
            extra={
              <Button type="primary" onClick={() => navigate(first)}>
                返回首页
              </Button>
            }
          />
        }
      />
    </Routes>
  );
}
