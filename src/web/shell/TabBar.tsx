import {
  AppstoreOutlined,
  EditOutlined,
  HomeOutlined,
  ScheduleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge } from 'antd';
import type { ReactNode } from 'react';

export const TAB_BAR_HEIGHT = 60;

export interface Tab {
  key: string;
  label: string;
  icon: ReactNode;
  /** Where the tab leads; none for 更多, which opens the menu. */
  path?: string;
}

export const TABS: Tab[] = [
  { key: 'home', label: '首页', icon: <HomeOutlined />, path: '/' },
  { key: 'todo', label: '待办', icon: <ScheduleOutlined />, path: '/todo' },
  { key: 'record', label: '记录', icon: <EditOutlined />, path: '/record' },
  { key: 'mine', label: '我的', icon: <UserOutlined />, path: '/mine' },
  { key: 'more', label: '更多', icon: <AppstoreOutlined /> },
];

/** The phone's bottom tab bar: 首页 / 待办 / 记录 / 我的 / 更多, each a full-height 60 px target. */
export function TabBar({
  active,
  todoCount,
  todoOverdue,
  onTab,
}: {
  active?: string;
  todoCount: number;
  todoOverdue: boolean;
  onTab: (tab: Tab) => void;
}) {
  return (
    <nav
      aria-label="底部导航"
      style={{
        position: 'fixed',
        left: 0,
        right: 0,
        bottom: 0,
        // Below dialogs and drawers (1000), which must not lose their buttons under it.
        zIndex: 100,
        display: 'flex',
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        boxShadow: '0 -2px 8px rgba(0,0,0,.04)',
        paddingBottom: 'env(safe-area-inset-bottom)',
      }}
    >
      {TABS.map((t) => {
        const on = t.key === active;
        return (
          <button
            key={t.key}
            type="button"
            onClick={() => onTab(t)}
            aria-current={on ? 'page' : undefined}
            style={{
              flex: 1,
              height: TAB_BAR_HEIGHT,
              minWidth: 44,
              border: 'none',
              background: 'none',
              padding: 0,
              cursor: 'pointer',
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              color: on ? '#c8102e' : '#595959',
              fontSize: 14,
              lineHeight: '18px',
              fontWeight: on ? 600 : 400,
              WebkitTapHighlightColor: 'transparent',
            }}
          >
            <span
              style={{ fontSize: 22, height: 24, lineHeight: '24px', display: 'flex', alignItems: 'center' }}
            >
              {t.key === 'todo' ? (
                <Badge
                  count={todoCount}
                  size="small"
                  overflowCount={99}
                  color={todoOverdue ? '#c8102e' : '#1677ff'}
                  offset={[4, 0]}
                >
                  <span style={{ fontSize: 22, lineHeight: '24px', color: 'inherit' }}>{t.icon}</span>
                </Badge>
              ) : (
                t.icon
              )}
            </span>
            <span>{t.label}</span>
          </button>
        );
      })}
    </nav>
  );
}
