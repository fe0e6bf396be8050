import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

/**
 * antd's Result (about 12 KB gzip with its 403/404/500 pictures), loaded only when a page has to show
 * one: the shell and the home page name it on paths most users never take.
 */
const AntResult = lazy(() => import('antd/es/result'));

export function LazyResult(props: ResultProps) {
  return (
    <Suspense fallback={<div style={{ padding: 48, textAlign: 'center', fontSize: 16 }}>{props.title}</div>}>
      <AntResult {...props} />
    </Suspense>
  );
}
