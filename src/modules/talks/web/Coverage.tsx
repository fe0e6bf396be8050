import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, download, showError } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { today } from '../../../web/format';
import type { Coverage as CoverageAnswer } from '../contract';

/** Yearly talk coverage per branch (《中国共产党党员教育管理工作条例》: every member at least once a year). */
export default function Coverage() {
  const thisYear = today().year();
  const [year, setYear] = useState(thisYear);
  const data = useQuery({
    queryKey: ['talks', 'coverage', year],
    queryFn: () => api<CoverageAnswer>('/talks/coverage', { query: { year } }),
  });
  const bar = (v: number | null) =>
    v === null ? (
      '—'
    ) : (
      <Progress percent={v} size="small" status={v >= 100 ? 'success' : v < 60 ? 'exception' : 'normal'} />
    );
  return (
    <Page
      title="谈话覆盖率"
      extra={
        <>
          <Button
            onClick={() =>
              download(
                '/talks/export',
                { from: `${year}-01-01`, to: `${year}-12-31` },
                '谈心谈话台账.xlsx',
              ).catch(showError)
            }
          >
            导出谈话台账
          </Button>
          <Select
            value={year}
            onChange={setYear}
            options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))}
          />
        </>
      }
    >
      {data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <Alert type="error" title={(data.error as Error).message} />
      ) : (
        <Card size="small">
          <Typography.Paragraph type="secondary">
            {data.data.org.name}：党员 {data.data.totals.members} 人，{year}年已谈 {data.data.totals.talked}{' '}
            人。 按《中国共产党党员教育管理工作条例》，每名党员每年至少谈心谈话一次。
          </Typography.Paragraph>
          <Table
            rowKey="orgId"
            size="small"
            dataSource={data.data.items}
            pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: '党支部', dataIndex: 'orgName', ellipsis: true },
              { title: '党总支', dataIndex: 'parentName', ellipsis: true, responsive: ['md'] },
              { title: '党员', dataIndex: 'members', width: 56, align: 'right' },
              { title: '已谈', dataIndex: 'talked', width: 56, align: 'right' },
              {
                title: '覆盖率',
                dataIndex: 'coverage',
                width: 120,
                render: bar,
                sorter: (a, b) => (a.coverage ?? -1) - (b.coverage ?? -1),
                defaultSortOrder: 'ascend',
              },
            ]}
          />
        </Card>
      )}
    </Page>
  );
}
