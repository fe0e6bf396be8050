import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Dropdown, Flex, Layout, Menu, Result, Space, Tag, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../kernel/accounts/contract';
import { api, setCsrfToken, showError } from './api';
import { Loading } from './components/Loading';
import { WEB_MODULES } from './modules';
import type { Me } from './registry';
import { ME_KEY, MeContext } from './session';
import { useIsMobile } from './useIsMobile';

const { Header, Sider, Content } = Layout;

const ROLE_ORDER = Object.keys(ROLE_LABELS);

function roleLabels(me: Me): string[] {
  const roles = [...me.roles].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const labels = roles.map((r) =>
    r.role === 'member' ? `${ROLE_LABELS.member}` : `${ROLE_LABELS[r.role] ?? r.role}（${r.orgName}）`,
  );
  if (me.user.adminRole) labels.unshift(ROLE_LABELS[me.user.adminRole] ?? me.user.adminRole);
  return [...new Set(labels)];
}

function Brand({ short }: { short?: boolean }) {
  return (
    <Typography.Text strong style={{ color: '#c8102e', fontSize: 17, whiteSpace: 'nowrap' }}>
      {short ? '支部' : '支部在线'}
    </Typography.Text>
  );
}

export default function Shell() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mobile = useIsMobile();
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: () =>
      api<Me>('/me').then((me) => {
        setCsrfToken(me.csrfToken);
        return me;
      }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const me = meQuery.data;

  const nav = useMemo(
    () =>
      me
        ? WEB_MODULES.flatMap((m) => m.nav)
            .filter((n) => !n.visible || n.visible(me))
            .sort((a, b) => a.order - b.order)
        : [],
    [me],
  );
  const allNav = useMemo(() => WEB_MODULES.flatMap((m) => m.nav), []);
  const routes = useMemo(() => WEB_MODULES.flatMap((m) => m.routes), []);

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

  const selected = nav
    .filter((n) => (n.path === '/' ? location.pathname === '/' : location.pathname.startsWith(n.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];

  const logout = async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (e) {
      showError(e);
    }
    setCsrfToken(null);
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.key] : []}
      items={nav.map((n) => ({ key: n.key, icon: n.icon, label: n.label }))}
      onClick={({ key }) => {
        const target = nav.find((n) => n.key === key);
        if (target) navigate(target.path);
        setDrawer(false);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const roles = roleLabels(me);
  const userMenu = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div style={{ maxWidth: 260 }}>
            <div>{me.user.displayName}</div>
            <div style={{ fontSize: 12, color: '#888', whiteSpace: 'normal' }}>{roles.join('、')}</div>
          </div>
        ),
      },
      { type: 'divider' as const },
      { key: 'password', label: '修改密码' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'logout') logout();
      if (key === 'password') navigate('/change-password');
    },
  };

  const first = nav[0]?.path ?? '/';
  const guard = (path: string) => {
    const entries = allNav.filter((n) => n.path === path);
    if (!entries.length || entries.some((n) => !n.visible || n.visible(me))) return null;
    return path === '/' && first !== '/' ? (
      <Navigate to={first} replace />
    ) : (
      <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。" />
    );
  };

  return (
    <MeContext.Provider value={me}>
      <Layout style={{ minHeight: '100vh' }}>
        {!mobile && (
          <Sider
            theme="light"
            width={208}
            breakpoint="lg"
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
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
            {menu}
          </Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
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
              <Space size={8} style={{ minWidth: 0 }}>
                {mobile && (
                  <Button
                    type="text"
                    icon={<MenuOutlined />}
                    aria-label="菜单"
                    onClick={() => setDrawer(true)}
                  />
                )}
                {mobile && <Brand />}
              </Space>
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
                <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
                  <Button type="text" icon={<UserOutlined />} style={{ maxWidth: mobile ? 170 : 280 }}>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {me.user.displayName}
                    </span>
                  </Button>
                </Dropdown>
              </Flex>
            </Flex>
          </Header>
          <Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
            <Suspense fallback={<Loading />}>
              <Routes>
                {routes.map((r) =>
                  r.path === '/' ? (
                    <Route key={r.path} index element={guard(r.path) ?? <r.element />} />
                  ) : (
                    <Route
                      key={r.path}
                      path={r.path.replace(/^\//, '')}
                      element={guard(r.path) ?? <r.element />}
                    />
                  ),
                )}
                {!routes.some((r) => r.path === '/') && (
                  <Route index element={<Navigate to={first} replace />} />
                )}
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
            </Suspense>
          </Content>
        </Layout>
      </Layout>
      <Drawer
        open={mobile && drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={240}
        title={<Brand />}
        styles={{ body: { padding: 0 } }}
      >
        <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <div>{me.user.displayName}</div>
          <Flex gap={4} wrap style={{ marginTop: 6 }}>
            {roles.map((r) => (
              <Tag key={r} color="red">
                {r}
              </Tag>
            ))}
          </Flex>
        </div>
        {menu}
        <div style={{ padding: 16 }}>
          <Button block icon={<LogoutOutlined />} onClick={logout}>
            退出登录
          </Button>
        </div>
      </Drawer>
    </MeContext.Provider>
  );
}
