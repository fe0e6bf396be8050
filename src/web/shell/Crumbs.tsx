import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
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
      {/* Plain links: antd's Breadcrumb brings its Dropdown and Menu (about 15 KB gzip) to every page. */}
      <nav aria-label="面包屑" className="bl-crumbs" style={{ minWidth: 0 }}>
        <ol>
          {meta.crumbs.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the trail is rebuilt as a whole for each page
            <li key={i}>
              {c.to && i < meta.crumbs.length - 1 ? (
                <Link to={c.to}>{c.label}</Link>
              ) : (
                <span aria-current={i === meta.crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
    </Flex>
  );
}
