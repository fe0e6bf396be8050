import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Result, Steps } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { ImportProgress, ImportResult, TemplateStep, UploadStep } from './ImportSteps';
import type { ImportJobView } from './model';

/**
 * The roster import in four steps: get the template, upload the filled file, watch the job check and
 * write it (all rows or none), read the result or the list of errors.
 */
export default function ImportWizard() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);

  const job = useQuery({
    queryKey: ['people', 'import', jobId],
    queryFn: () => api<ImportJobView>(`/people/import/${jobId}`),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });
  const finished = job.data && job.data.status !== 'running';

  useEffect(() => {
    if (finished) {
      setStep(3);
      if (job.data?.status === 'done') {
        queryClient.invalidateQueries({ queryKey: ['people', 'list'] });
        queryClient.invalidateQueries({ queryKey: ['people', 'stats'] });
        queryClient.invalidateQueries({ queryKey: ['orgs'] });
      }
    }
  }, [finished, job.data?.status, queryClient]);

  if (!can(me, 'people.import')) return <Result status="403" title="只有组织管理员和支部书记可以导入名册" />;

  const restart = () => {
    setStep(0);
    setJobId(null);
  };

  return (
    <Page title="名册导入">
      <Card size="small">
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          responsive
          items={[{ title: '下载模板' }, { title: '上传文件' }, { title: '校验与导入' }, { title: '结果' }]}
        />
        {step === 0 && <TemplateStep onNext={() => setStep(1)} />}
        {step === 1 && (
          <UploadStep
            onBack={() => setStep(0)}
            onStarted={(id) => {
              setJobId(id);
              setStep(2);
            }}
          />
        )}
        {step === 2 && <ImportProgress job={job.data} failed={job.isError} retry={() => job.refetch()} />}
        {step === 3 && job.data && <ImportResult job={job.data} restart={restart} />}
      </Card>
    </Page>
  );
}
