import { DownOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { OrgTreeSelectProps } from './OrgTreeSelect';
import { useOrgOptions } from './orgOptions';

const OrgTreeSelect = lazy(() => import('./OrgTreeSelect').then((m) => ({ default: m.OrgTreeSelect })));

/**
 * An organization picker that costs nothing until it is used: a button naming the choice, replaced by
 * the tree picker (OrgTreeSelect, loaded then, opened at once) on the first tap. For pages where picking
 * is the exception, as the home page's statistics scope.
 */
export function LazyOrgTreeSelect(props: OrgTreeSelectProps) {
  const [active, setActive] = useState(false);
  const orgs = useOrgOptions();
  const name = props.value ? orgs.data?.find((o) => o.id === props.value)?.name : undefined;
  const button = (
    <Button
      style={{ justifyContent: 'space-between', textAlign: 'left', ...props.style }}
      disabled={props.disabled}
      onClick={() => setActive(true)}
      aria-haspopup="tree"
      icon={<DownOutlined style={{ color: '#bfbfbf' }} />}
      iconPlacement="end"
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', color: name ? undefined : '#8c8c8c' }}>
        {name ?? props.placeholder ?? '选择组织'}
      </span>
    </Button>
  );
  if (!active) return button;
  return (
    <Suspense fallback={button}>
      <OrgTreeSelectOpen {...props} />
    </Suspense>
  );
}

function OrgTreeSelectOpen(props: OrgTreeSelectProps) {
  return <OrgTreeSelect {...props} defaultOpen />;
}
