import { Alert, Card, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { excellentCap, fractionText, GRADE_LABELS, GRADES, type Grade } from '../roll';
import type { MeetingDetail, RosterPerson, SettingsResponse } from './model';

/** The grades being given at a 民主评议党员: full members with a vote get one (合格 unless changed). */
export function useGrades(meeting: MeetingDetail | undefined) {
  const [grades, setGrades] = useState<Record<string, Grade>>(() =>
    Object.fromEntries((meeting?.grades ?? []).map((g) => [g.personId, g.grade])),
  );
  const gradable = (people: RosterPerson[]) => people.filter((p) => p.partyStatus === 'full' && !p.suspended);
  const gradeOf = (personId: string): Grade => grades[personId] ?? 'qualified';
  /** The grades as the API takes them. */
  const body = (people: RosterPerson[]) =>
    gradable(people).map((p) => ({ personId: p.personId, grade: gradeOf(p.personId) }));
  return {
    gradable,
    gradeOf,
    setGrade: (personId: string, g: Grade) => setGrades((x) => ({ ...x, [personId]: g })),
    body,
  };
}
export type GradesState = ReturnType<typeof useGrades>;

const GRADE_COLORS: Record<Grade, string> = {
  excellent: 'red',
  qualified: 'green',
  basically_qualified: 'gold',
  unqualified: 'volcano',
};

export function GradesCard({
  people,
  state,
  settings,
}: {
  people: RosterPerson[];
  state: GradesState;
  settings?: SettingsResponse;
}) {
  const graded = state.gradable(people);
  const ratio = settings?.excellentRatio ?? { numerator: 1, denominator: 3 };
  const cap = excellentCap(graded.length, ratio);
  const excellent = graded.filter((p) => state.gradeOf(p.personId) === 'excellent').length;
  const probationary = people.filter((p) => p.partyStatus !== 'full' && !p.suspended);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`评定等次（正式党员 ${graded.length} 人，优秀最多 ${cap} 人）`}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
        优秀一般不超过参加评定的正式党员的{fractionText(ratio)}
        （向下取整）。基本合格、不合格的党员，记录提交后列入书记待办：基本合格须谈心谈话，不合格按党章第九条组织处置。
      </Typography.Paragraph>
      {excellent > cap && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={`评为优秀 ${excellent} 人，超过上限 ${cap} 人`}
        />
      )}
      {graded.map((p) => (
        <Flex
          key={p.personId}
          justify="space-between"
          align="center"
          gap={8}
          style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <span>{p.name}</span>
          <Select<Grade>
            value={state.gradeOf(p.personId)}
            onChange={(g) => state.setGrade(p.personId, g)}
            style={{ width: 120 }}
            options={GRADES.map((g) => ({
              value: g,
              label: <Tag color={GRADE_COLORS[g]}>{GRADE_LABELS[g]}</Tag>,
            }))}
          />
        </Flex>
      ))}
      {probationary.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
          预备党员参加评议，不评定等次：{probationary.map((p) => p.name).join('、')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
