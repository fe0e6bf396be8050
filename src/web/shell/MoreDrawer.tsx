import { Drawer } from 'antd';
import type { NavSection } from '../nav';
import { DrawerMenu } from './NavMenu';
import { TAB_BAR_HEIGHT } from './TabBar';

/** The phone's 更多: the whole menu in a drawer. Loaded at the first tap on 更多 (Shell.tsx). */
export default function MoreDrawer({
  open,
  onClose,
  sections,
  selectedKey,
  onOpen,
}: {
  open: boolean;
  onClose: () => void;
  sections: NavSection[];
  selectedKey?: string;
  onOpen: (entryKey: string) => void;
}) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="right"
      size={280}
      title="全部功能"
      // The menu ends above the tab bar, which stays usable (更多 again closes it).
      rootStyle={{ bottom: TAB_BAR_HEIGHT }}
      styles={{ body: { padding: '0 0 16px' } }}
    >
      <DrawerMenu sections={sections} selectedKey={selectedKey} onOpen={onOpen} />
    </Drawer>
  );
}
