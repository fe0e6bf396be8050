import {
  Component,
  type CSSProperties,
  lazy,
  type ReactNode,
  Suspense,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { EChartOption } from './EChartCore';

export type { EChartOption };

/** ECharts (about 180 KB gzip) loads with the first chart that comes near the screen, not with the page. */
const Core = lazy(() => import('./EChartCore'));

class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <div style={{ color: '#8c8c8c', fontSize: 14, padding: 16, textAlign: 'center' }}>
        图表未能加载（离线时只显示已加载过的图表）
      </div>
    ) : (
      this.props.children
    );
  }
}

/**
 * A chart: a box of its height at once, the chart itself once the box is within a screen of being seen
 * (the charts library is fetched then, once for all charts). Same props as the chart it stands for.
 */
export function EChart({
  option,
  height = 280,
  style,
}: {
  option: EChartOption;
  height?: number;
  style?: CSSProperties;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', minHeight: height, ...style }}
      data-chart={near ? 'shown' : 'waiting'}
    >
      {near && (
        <ChartBoundary>
          <Suspense fallback={<div style={{ height }} />}>
            <Core option={option} height={height} />
          </Suspense>
        </ChartBoundary>
      )}
    </div>
  );
}

export default EChart;
