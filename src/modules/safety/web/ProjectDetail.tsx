import { Flex, List, Steps, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProjectDetail } from '../contract';

/** What started a project, as far as the caller may read it: the analysis and the violations. */
function ProjectSources({ d }: { d: ProjectDetail }) {
  return (
    <>
      <div>
        起因：
        {d.analysisId || d.violationIds.length || d.hiddenViolations
          ? '由以下剖析和违章违纪立项'
          : '直接立项（未关联剖析或违章违纪）'}
      </div>
      {d.linkedAnalyses.length > 0 && (
        <List
          size="small"
          bordered
          header={<Typography.Text strong>关联的安全剖析</Typography.Text>}
          dataSource={d.linkedAnalyses}
          renderItem={(a) => (
            <List.Item>
              <Link to={`/safety/analyses/${a.id}`} onClick={(e) => e.stopPropagation()}>
                {a.orgName}·{a.periodFrom} 至 {a.periodTo}
              </Link>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: '50%' }}>
                {a.status === 'open' ? '整改中' : '已闭环'}·{a.rootCauses}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {(d.linkedViolations.length > 0 || d.hiddenViolations > 0) && (
        <List
          size="small"
          bordered
          header={
            <Typography.Text strong>
              关联的违章违纪（{d.violationIds.length + d.hiddenViolations} 起）
            </Typography.Text>
          }
          dataSource={d.linkedViolations}
          locale={{ emptyText: '关联的违章违纪不在您的查看范围内' }}
          footer={
            d.hiddenViolations > 0 && d.linkedViolations.length > 0
              ? `另有 ${d.hiddenViolations} 起不在您的查看范围内`
              : undefined
          }
          renderItem={(v) => (
            <List.Item>
              <Link to={`/safety/violations/${v.id}`} onClick={(e) => e.stopPropagation()}>
                {v.occurredOn} {v.personName}
              </Link>
              <span>
                {v.wasMember && <Tag color="red">党员</Tag>}
                {v.kindLabel}·{v.categoryName}
              </span>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/** A project opened in its card: members, sources, milestones and progress. */
export function ProjectDetailView({ d }: { d: ProjectDetail }) {
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }}>
      <div>成员：{d.members.map((m) => m.name).join('、') || '—'}</div>
      <ProjectSources d={d} />
      <Steps
        size="small"
        direction="vertical"
        current={d.milestoneList.filter((m) => m.doneOn).length}
        items={d.milestoneList.map((m) => ({
          title: m.title,
          description: m.doneOn ? `完成于 ${m.doneOn}` : `计划 ${m.dueOn}${m.overdue ? '（逾期）' : ''}`,
          status: m.doneOn ? 'finish' : m.overdue ? 'error' : 'wait',
        }))}
      />
      <Timeline items={d.updates.map((u) => ({ children: `${u.on} ${u.note}（${u.recordedByName}）` }))} />
    </Flex>
  );
}
