import { useQuery } from '@tanstack/react-query';
import { Alert, Card } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import type { OverviewEvidence as Answer } from '../contract';
import { EvidenceList } from './parts';

/** The records behind one figure of the overview for one branch. */
export default function OverviewEvidence() {
  const [params] = useSearchParams();
  const query = {
    orgId: params.get('orgId') ?? '',
    kind: params.get('kind') ?? '',
    year: params.get('year') ?? undefined,
    quarter: params.get('quarter') ?? undefined,
  };
  const data = useQuery({
    queryKey: ['assessment', 'overview-evidence', query],
    queryFn: () => api<Answer>('/assessment/overview/evidence', { query }),
  });
  if (data.isPending) return <Loading />;
  if (data.isError) return <Alert type="error" title={(data.error as Error).message} />;
  const d = data.data;
  return (
    <Page title={`${d.org.name}·${d.title}`}>
      <Card size="small">
        <EvidenceList
          evidence={{ summary: d.summary, link: d.moduleLink, total: d.records.length, records: d.records }}
        />
      </Card>
    </Page>
  );
}
