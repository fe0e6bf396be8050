import { Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { type PageMeta, usePageMeta } from '../nav';

/**
 * The heading a page shows. A page in the menu is named by its menu label (what the user clicked), or by
 * a `title` that starts with it and adds something ("记录审核（3 条待审核）"); any other page by its
 * `title`, else by the name the shell derived (the route's title, 详情, 编辑 …).
 */
export function pageHeading(title: ReactNode | undefined, meta: PageMeta | null): ReactNode {
  if (!meta) return title;
  if (meta.inMenu) return typeof title === 'string' && title.startsWith(meta.title) ? title : meta.title;
  return title ?? meta.title;
}

/**
 * A page's title row (with its buttons, wrapping on phones) above its content. The title may be left
 * out: the shell names the page from the menu (and, above a detail page, shows the back arrow and the
 * breadcrumbs itself).
 */
export function Page({
  title,
  extra,
  children,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const meta = usePageMeta();
  const heading = pageHeading(title, meta);
  const setHeading = meta?.setHeading;
  const text = typeof heading === 'string' ? heading : null;
  useEffect(() => {
    if (!setHeading) return;
    setHeading(text);
    return () => setHeading(null);
  }, [setHeading, text]);

  return (
    <div style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0, minWidth: 0 }}>
          {heading}
        </Typography.Title>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {children}
    </div>
  );
}
