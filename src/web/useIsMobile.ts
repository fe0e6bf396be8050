import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phones get cards and drawers instead of tables and siders. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false || (screens.md === undefined && window.innerWidth < 768);
}
