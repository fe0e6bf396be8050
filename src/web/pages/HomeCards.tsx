import { Col, Row } from 'antd';
import { Suspense, useMemo } from 'react';
import { Loading } from '../components/Loading';
import { WEB_MODULES } from '../modules';
import { useMe } from '../session';

/** The home-page cards every module declares (`WebModule.homeCards`) that the user may see, in order. */
export function HomeCards() {
  const me = useMe();
  const cards = useMemo(
    () =>
      WEB_MODULES.flatMap((m) => m.homeCards ?? [])
        .filter((c) => !c.visible || c.visible(me))
        .sort((a, b) => a.order - b.order),
    [me],
  );
  if (cards.length === 0) return null;
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.key} className="bl-home-card" xs={24} lg={c.wide || cards.length === 1 ? 24 : 12}>
          <Suspense fallback={<Loading />}>
            <c.element />
          </Suspense>
        </Col>
      ))}
    </Row>
  );
}
