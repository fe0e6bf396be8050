import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { ResponsiveList } from '../../../web/components/ResponsiveList';
import type { BranchPage as Answer, Zone } from '../contract';
import { pctText, starText } from './model';
import { ZoneDialog, type ZoneDialogState } from './ZoneDialog';
import { useEndZone, ZoneActions, zoneColumns } from './Zones';

type Brief = Answer['results'][number];

function Results({ items, member, empty }: { items: Brief[]; member?: boolean; empty: string }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(r) => (
        <List.Item
          extra={
            r.applicable ? (
              <Tag color="blue">
                {r.total} / {r.maxTotal}（{pctText(r.percent)}）{r.stars ? ` ${starText(r.stars)}` : ''}
              </Tag>
            ) : (
              <Tag>不适用</Tag>
            )
          }
        >
          <div style={{ minWidth: 0 }}>
            <Link to={`/assessment/rounds/${r.roundId}/subjects/${r.subjectId}`}>
              {member ? `${r.personName}：` : ''}
              {r.roundName}
            </Link>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {r.periodLabel}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

/** A branch in assessment: its zones and model posts, its results, its zone members' results. */
export default function BranchPage() {
  const { orgId } = useParams();
  const [dialog, setDialog] = useState<ZoneDialogState>(null);
  const end = useEndZone();
  const data = useQuery({
    queryKey: ['assessment', 'branch', orgId],
    queryFn: () => api<Answer>(`/assessment/branches/${orgId}`),
  });
  if (data.isPending) return <Loading />;
  if (data.isError) return <Alert type="error" title={(data.error as Error).message} />;
  const d = data.data;
  const edit = (z: Zone) => setDialog({ kind: 'edit', zone: z });
  return (
    <Page title={`${d.org.name}·岗区与考核`}>
      <Flex vertical gap={12}>
        {d.openRounds.length > 0 && (
          <Card size="small" title="进行中的考核">
            <List
              size="small"
              dataSource={d.openRounds}
              renderItem={(r) => (
                <List.Item>
                  <Link
                    to={
                      r.target === 'branch'
                        ? `/assessment/rounds/${r.id}/subjects/${d.org.id}`
                        : `/assessment/rounds/${r.id}`
                    }
                  >
                    {r.name}
                  </Link>
                  <Typography.Text type="secondary">{r.periodLabel}，结果随记录实时更新</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        )}
        <Card
          size="small"
          title={`党员责任区和示范岗（${d.zones.length}）`}
          extra={
            d.canEditZones && (
              <Button
                size="small"
                type="primary"
                onClick={() => setDialog({ kind: 'create', orgId: d.org.id })}
              >
                设立
              </Button>
            )
          }
        >
          <ResponsiveList<Zone>
            rowKey="id"
            items={d.zones}
            empty="本支部还没有设立党员责任区或示范岗"
            columns={zoneColumns(edit, end, false)}
            cardActions={(z) => <ZoneActions z={z} onEdit={edit} end={end} />}
          />
        </Card>
        <Card size="small" title="历次党支部考核">
          <Results items={d.results} empty="还没有已结束的党支部考核" />
        </Card>
        <Card size="small" title="岗区考核（责任党员）">
          <Results items={d.memberResults} member empty="还没有已结束的岗区考核" />
        </Card>
      </Flex>
      <ZoneDialog state={dialog} onClose={() => setDialog(null)} />
    </Page>
  );
}
