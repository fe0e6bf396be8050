import {
  ApartmentOutlined,
  AppstoreOutlined,
  CalendarOutlined,
  HomeOutlined,
  ReadOutlined,
  SafetyOutlined,
  SettingOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { ConfigProvider, Menu, type MenuProps } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { NavSection } from '../nav';

type Items = NonNullable<MenuProps['items']>;

/** Icons of the shell's groups for the collapsed side menu; a new group without one gets a generic icon. */
const GROUP_ICONS: Record<string, ReactNode> = {
  home: <HomeOutlined />,
  org: <ApartmentOutlined />,
  life: <CalendarOutlined />,
  safety: <SafetyOutlined />,
  training: <ReadOutlined />,
  supervision: <TrophyOutlined />,
  system: <SettingOutlined />,
};

const groupKey = (key: string) => `group:${key}`;
const OPEN_KEY = 'bl.nav.open';

function readOpen(): string[] | null {
  try {
    const v = JSON.parse(localStorage.getItem(OPEN_KEY) ?? 'null');
    return Array.isArray(v) ? v.filter((k) => typeof k === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * The desktop side menu: one collapsible submenu per group (a group with one entry is a plain item),
 * all open at first; what the user closes stays closed (remembered in this browser), except the group of
 * the page being shown.
 */
export function SideMenu({
  sections,
  selectedKey,
  collapsed,
  onOpen,
}: {
  sections: NavSection[];
  selectedKey?: string;
  collapsed: boolean;
  onOpen: (entryKey: string) => void;
}) {
  const [openKeys, setOpenKeys] = useState<string[]>(
    () => readOpen() ?? sections.map((s) => groupKey(s.group.key)),
  );
  const selectedGroup = sections.find((s) => s.entries.some((e) => e.key === selectedKey))?.group.key;
  useEffect(() => {
    if (selectedGroup && !openKeys.includes(groupKey(selectedGroup))) {
      setOpenKeys((keys) => [...keys, groupKey(selectedGroup)]);
    }
  }, [selectedGroup, openKeys]);

  const items: Items = sections.map((s) =>
    s.entries.length === 1
      ? { key: s.entries[0].key, icon: s.entries[0].icon, label: s.entries[0].label }
      : {
          key: groupKey(s.group.key),
          icon: GROUP_ICONS[s.group.key] ?? <AppstoreOutlined />,
          label: s.group.label,
          children: s.entries.map((e) => ({ key: e.key, icon: e.icon, label: e.label })),
        },
  );

  return (
    <ConfigProvider
      theme={{ components: { Menu: { itemHeight: 36, itemMarginBlock: 2, subMenuItemBg: 'transparent' } } }}
    >
      <Menu
        mode="inline"
        selectedKeys={selectedKey ? [selectedKey] : []}
        {...(collapsed
          ? {}
          : {
              openKeys,
              onOpenChange: (keys: string[]) => {
                setOpenKeys(keys);
                try {
                  localStorage.setItem(OPEN_KEY, JSON.stringify(keys));
                } catch {
                  /* private mode: not remembered */
                }
              },
            })}
        items={items}
        onClick={({ key }) => onOpen(key)}
        style={{ borderInlineEnd: 'none' }}
      />
    </ConfigProvider>
  );
}

/**
 * The phone's grouped menu (behind 更多): every group open under its heading, so any page is one tap
 * away; rows 48 px high for a thumb.
 */
export function DrawerMenu({
  sections,
  selectedKey,
  onOpen,
}: {
  sections: NavSection[];
  selectedKey?: string;
  onOpen: (entryKey: string) => void;
}) {
  const items: Items = sections.map((s) =>
    s.group.key === 'home'
      ? { type: 'group' as const, key: groupKey(s.group.key), children: toItems(s) }
      : { type: 'group' as const, key: groupKey(s.group.key), label: s.group.label, children: toItems(s) },
  );
  return (
    <ConfigProvider theme={{ components: { Menu: { itemHeight: 48, groupTitleFontSize: 14 } } }}>
      <Menu
        mode="inline"
        selectedKeys={selectedKey ? [selectedKey] : []}
        items={items}
        onClick={({ key }) => onOpen(key)}
        style={{ borderInlineEnd: 'none', fontSize: 15 }}
      />
    </ConfigProvider>
  );
}

const toItems = (s: NavSection) => s.entries.map((e) => ({ key: e.key, icon: e.icon, label: e.label }));
