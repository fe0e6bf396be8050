import { ArrowLeftOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Flex } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import type { PageMeta } from '../nav';

/**
 * Above a detail page: a back arrow (to the previous page, or up to the menu entry when the page was
 * opened directly) and the breadcrumbs group › menu entry › … › this page.
 */
export function Crumbs({ meta, mobile }: { meta: PageMeta; mobile: boolean }) {
  const navigate = useNavigate();
  const location = useLocation();
  if (meta.crumbs.length === 0) return null;
  const back = () => {
    // `default` is the key of the first page of this tab: going back would leave the app.
    if (location.key !== 'default') navigate(-1);
    else navigate(meta.back ?? '/');
  };
  return (
    <Flex align="center" gap={4} style={{ marginBottom: 8, marginInlineStart: mobile ? -8 : -4 }}>
      <Button
        type="text"
        icon={<ArrowLeftOutlined />}
        aria-label="返回"
        onClick={back}
        style={mobile ? { width: 44, height: 44 } : undefined}
      />
      <Breadcrumb
        style={{ fontSize: 14, minWidth: 0 }}
        items={meta.crumbs.map((c, i) => ({
          key: `${i}`,
          title:
            c.to && i < meta.crumbs.length - 1 ? <Link to={c.to}>{c.label}</Link> : <span>{c.label}</span>,
        }))}
      />
    </Flex>
  );
}
