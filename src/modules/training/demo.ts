import { sql } from 'drizzle-orm';
import { type AuditedEntity, type AuditInput, recordAudit } from '../../platform/audit';
import { queryRows } from '../../platform/db';
import type { DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { Rng } from '../../platform/random';
import { DEMO_CONTENTS, DEMO_COURSES, DEMO_QUESTIONS, SURVEY_COMMENTS, SURVEY_TOPICS } from './demo-content';
import { addDays, certificateNo, classCode, gradeAttempt, round1 } from './rules';
import {
  attemptEntity,
  classEntity,
  completionEntity,
  contentEntity,
  courseEntity,
  importEntity,
  importRowEntity,
  participantEntity,
  questionEntity,
  quizEntity,
  surveyAnswerEntity,
  surveyEntity,
  trainingAttempts,
  trainingClasses,
  trainingCompletions,
  trainingContents,
  trainingCourses,
  trainingImportRows,
  trainingImports,
  trainingParticipants,
  trainingProgress,
  trainingQuestions,
  trainingQuizzes,
  trainingSurveyAnswers,
  trainingSurveys,
} from './tables';

type Person = {
  id: string;
  name: string;
  org_id: string;
  path: string;
  party_status: string;
  joined_party_on: string | null;
  floating: boolean;
  lost_contact: boolean;
};
type Org = {
  id: string;
  name: string;
  type: string;
  path: string;
  parent_id: string | null;
  secretary_person_id: string | null;
};

const pad = (n: number) => String(n).padStart(2, '0');
const at = (day: string, hour: number) => new Date(`${day}T${pad(hour)}:00:00+08:00`);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * A year of training for the demo section: the committee's courses, question bank, classes for branch
 * secretaries, activists and candidates, every general branch's 集中轮训, branch classes, study content
 * with members' progress, three quizzes with attempts, needs surveys, and one imported 学习强国 file. A
 * few members are barely engaged (floating, lost contact and some others), so the ledger shows some
 * behind. The demo branch has a class attended in spring, one ended last week awaiting its attendance,
 * and one next week (the members' notice); the demo member has required reading and a quiz open.
 */
export const demoTraining: DemoStep = async (ctx, state) => {
  const rng = new Rng(20261118);
  const { tenantId, today } = state;
  const year = Number(today.slice(0, 4));
  const Y = (m: number, d: number) => `${year}-${pad(m)}-${pad(d)}`;
  const db = ctx.db;
  const orgs = await queryRows<Org>(
    db,
    sql`select id, name, type, path, parent_id, secretary_person_id from orgs
        where tenant_id = ${tenantId} and dissolved_on is null order by path`,
  );
  const people = await queryRows<Person>(
    db,
    sql`select p.id, p.name, p.org_id, o.path, p.party_status, p.joined_party_on, p.floating, p.lost_contact
        from people p join orgs o on o.id = p.org_id where p.tenant_id = ${tenantId} and p.ended_on is null
        order by p.employee_no`,
  );
  const committee = orgs.find((o) => o.id === state.committeeId)!;
  const generals = orgs.filter((o) => o.type === 'general_branch');
  const branches = orgs.filter((o) => o.type === 'branch');
  const isMember = (p: Person) => p.party_status === 'full' || p.party_status === 'probationary';
  const members = people.filter(isMember);
  const under = (path: string) => members.filter((p) => p.path.startsWith(path));
  const memberOn = (p: Person, day: string) =>
    isMember(p) && (!p.joined_party_on || p.joined_party_on <= day);
  const holders = new Set(Object.values(state.holders));
  // The barely engaged: away (floating, lost contact) and a few others; never a demo account's holder.
  const low = new Set(
    members
      .filter((p) => !holders.has(p.id) && (p.floating || p.lost_contact || rng.chance(0.05)))
      .map((p) => p.id),
  );
  // The demo branch too has two members who have hardly studied beyond organization life this year.
  const demoPath = orgs.find((o) => o.id === state.demoBranchId)!.path;
  for (const p of members.filter((m) => m.path.startsWith(demoPath) && !holders.has(m.id)).slice(-2))
    low.add(p.id);
  const secretaryOf = new Map<string, string>();
  for (const b of branches) {
    const s =
      b.secretary_person_id ?? members.find((p) => p.org_id === b.id && p.party_status === 'full')?.id;
    if (s) secretaryOf.set(b.id, s);
  }
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const events: AuditInput[] = [];
  const ev = (action: string, entity: AuditedEntity, id: string) =>
    events.push({ tenantId, actor: state.system, action, target: { entity, id } });
  const stamp = (day: string, hour = 10) => new Date(Math.min(at(day, hour).getTime(), state.now.getTime()));

  // ---- courses ----
  const courseRows: (typeof trainingCourses.$inferInsert)[] = DEMO_COURSES.map((c, i) => ({
    id: newId(),
    tenantId,
    orgId: committee.id,
    title: c.title,
    topic: c.topic,
    hours: c.hours,
    material: c.material,
    links: i === 0 ? [{ title: '共产党员网专题', url: 'https://www.12371.cn/' }] : [],
    teacherPersonId: null,
    teacherName: c.teacher,
    createdBy: null,
    createdByName: '段党委组织部',
    createdAt: stamp(Y(1, 8)),
    updatedAt: stamp(Y(1, 8)),
  }));
  const demoGeneral = orgs.find((o) => o.id === state.demoGeneralId)!;
  for (const [title, topic, hours] of [
    ['车站接发列车作业标准', '业务技能', 2],
    ['运转车间“两违”案例剖析', '安全生产', 1.5],
  ] as const)
    courseRows.push({
      id: newId(),
      tenantId,
      orgId: demoGeneral.id,
      title,
      topic,
      hours,
      material: '结合本站作业实际讲解。',
      links: [],
      teacherPersonId: null,
      teacherName: '站长',
      createdBy: null,
      createdByName: demoGeneral.name,
      createdAt: stamp(Y(3, 1)),
      updatedAt: stamp(Y(3, 1)),
    });
  const course = (i: number) => courseRows[i].id!;

  // ---- needs surveys ----
  const surveyRows: (typeof trainingSurveys.$inferInsert)[] = [];
  const answerRows: (typeof trainingSurveyAnswers.$inferInsert)[] = [];
  const survey = (
    orgId: string,
    title: string,
    audience: 'members' | 'branches',
    created: string,
    deadline: string,
  ) => {
    const id = newId();
    surveyRows.push({
      id,
      tenantId,
      orgId,
      title,
      description: '请结合本支部（本人）实际，选择最需要的培训主题，并提出意见建议。',
      topics: SURVEY_TOPICS,
      audience,
      deadline,
      createdBy: null,
      createdByName: orgId === committee.id ? '段党委组织部' : demoGeneral.name,
      createdAt: stamp(created),
    });
    return id;
  };
  const pickTopics = () => {
    const weights: [string, number][] = SURVEY_TOPICS.map((t) => [
      t,
      t === '安全生产' ? 5 : t === '业务技能' ? 4 : t === '支部工作实务' ? 3 : 2,
    ]);
    const chosen = new Set<string>();
    const n = rng.int(1, 3);
    while (chosen.size < n) {
      let r = rng.next() * weights.reduce((s, [, w]) => s + w, 0);
      for (const [t, w] of weights) {
        r -= w;
        if (r < 0) {
          chosen.add(t);
          break;
        }
      }
    }
    return [...chosen];
  };
  const s1 = survey(committee.id, `${year}年度党员教育培训需求调查`, 'branches', Y(1, 5), Y(1, 31));
  const s2 = survey(committee.id, `${year + 1}年度党员教育培训需求调查`, 'branches', Y(11, 10), Y(12, 10));
  const s3 = survey(demoGeneral.id, `党员个人学习需求征集（${year + 1}年）`, 'members', Y(11, 12), Y(11, 30));
  for (const [sid, share, from, to] of [
    [s1, 0.9, Y(1, 6), Y(1, 31)],
    [s2, 0.35, Y(11, 10), today],
  ] as const)
    for (const b of branches) {
      if (b.id === state.demoBranchId ? sid === s2 : !rng.chance(share)) continue;
      const sec = secretaryOf.get(b.id);
      answerRows.push({
        id: newId(),
        tenantId,
        surveyId: sid,
        orgId: b.id,
        personId: null,
        choices: pickTopics(),
        comment: rng.chance(0.25) ? rng.pick(SURVEY_COMMENTS) : null,
        answeredBy: null,
        answeredByName: sec ? (nameOf.get(sec) ?? null) : null,
        answeredAt: stamp(rng.date(from, to), 15),
      });
    }
  for (const p of under(demoGeneral.path)) {
    if (p.id === state.holders.member || !rng.chance(0.4)) continue;
    answerRows.push({
      id: newId(),
      tenantId,
      surveyId: s3,
      orgId: p.org_id,
      personId: p.id,
      choices: pickTopics(),
      comment: rng.chance(0.15) ? rng.pick(SURVEY_COMMENTS) : null,
      answeredBy: null,
      answeredByName: p.name,
      answeredAt: stamp(rng.date(Y(11, 12), today), 20),
    });
  }

  // ---- classes ----
  const classRows: (typeof trainingClasses.$inferInsert)[] = [];
  const partRows: (typeof trainingParticipants.$inferInsert)[] = [];
  type ClassSpec = {
    orgId: string;
    title: string;
    topic: string;
    startsOn: string;
    endsOn: string;
    hours: number;
    place: string | null;
    online?: boolean;
    enrollment?: 'assign' | 'signup';
    capacity?: number;
    signupUntil?: string;
    scope: string[];
    people: Person[];
    courses: string[];
    surveyId?: string;
    recorded?: boolean;
    presentRate?: number;
  };
  const specs: ClassSpec[] = [];
  const secretaries = [...secretaryOf.values()].map((id) => people.find((p) => p.id === id)!).filter(Boolean);
  specs.push({
    orgId: committee.id,
    title: `${year}年党支部书记培训班`,
    topic: '支部工作实务',
    startsOn: Y(3, 10),
    endsOn: Y(3, 12),
    hours: 12,
    place: '段党员教育培训基地',
    scope: [],
    people: secretaries,
    courses: [course(1), course(2), course(9), course(0)],
    surveyId: s1,
    presentRate: 0.94,
  });
  specs.push({
    orgId: committee.id,
    title: `${year}年入党积极分子培训班`,
    topic: '党章党规党纪',
    startsOn: Y(5, 19),
    endsOn: Y(5, 20),
    hours: 8,
    place: '段党员教育培训基地',
    scope: [],
    people: people.filter((p) => p.party_status === 'activist').slice(0, 80),
    courses: [course(1), course(6)],
    presentRate: 0.95,
  });
  specs.push({
    orgId: committee.id,
    title: `${year}年发展对象培训班`,
    topic: '党章党规党纪',
    startsOn: Y(9, 8),
    endsOn: Y(9, 10),
    hours: 24,
    place: '段党员教育培训基地',
    scope: [],
    people: people.filter((p) => p.party_status === 'candidate'),
    courses: [course(1), course(9), course(6)],
    presentRate: 0.97,
  });
  for (const [i, g] of generals.entries()) {
    const day = rng.date(Y(6, 1), Y(9, 25));
    specs.push({
      orgId: g.id,
      title: `${g.name}${year}年党员集中轮训`,
      topic: i % 2 ? '党的创新理论' : '安全生产',
      startsOn: day,
      endsOn: day,
      hours: 6,
      place: `${g.name.replace('党总支', '')}党员活动室`,
      scope: [g.id],
      people: under(g.path),
      courses: [course(i % 2 ? 0 : 3), course(i % 3 ? 4 : 5)],
      surveyId: s1,
      presentRate: 0.86,
    });
  }
  specs.push({
    orgId: demoGeneral.id,
    title: '安全专题线上培训：冬季运输组织',
    topic: '安全生产',
    startsOn: Y(10, 22),
    endsOn: Y(10, 22),
    hours: 3,
    place: null,
    online: true,
    scope: [demoGeneral.id],
    people: under(demoGeneral.path),
    courses: [courseRows[courseRows.length - 2].id!, courseRows[courseRows.length - 1].id!],
    presentRate: 0.8,
  });
  for (const b of branches) {
    if (b.id === state.demoBranchId || !rng.chance(0.35)) continue;
    const day = rng.date(Y(4, 1), Y(10, 31));
    specs.push({
      orgId: b.id,
      title: `${b.name.replace('党支部', '')}安全规章专题学习`,
      topic: '安全生产',
      startsOn: day,
      endsOn: day,
      hours: 2,
      place: '班组学习室',
      scope: [b.id],
      people: under(b.path),
      courses: [course(4)],
      presentRate: 0.9,
    });
  }
  const demoBranch = orgs.find((o) => o.id === state.demoBranchId)!;
  const demoBranchPeople = under(demoBranch.path);
  for (const [title, day, hours, topic] of [
    ['行车规章春季专题学习', Y(4, 16), 2, '安全生产'],
    ['“两违”案例警示学习', addDays(today, -4), 2, '安全生产'],
    ['冬季防寒过冬安全专题学习', addDays(today, 7), 2, '安全生产'],
  ] as const)
    specs.push({
      orgId: demoBranch.id,
      title,
      topic,
      startsOn: day,
      endsOn: day,
      hours,
      place: '运转一班学习室',
      scope: [demoBranch.id],
      people: demoBranchPeople,
      courses: [course(3)],
      recorded: day < addDays(today, -5),
      presentRate: 0.9,
    });
  specs.push({
    orgId: committee.id,
    title: '党务工作者能力提升班',
    topic: '支部工作实务',
    startsOn: Y(12, 8),
    endsOn: Y(12, 9),
    hours: 8,
    place: '段党员教育培训基地',
    enrollment: 'signup',
    capacity: 60,
    signupUntil: Y(12, 1),
    scope: [committee.id],
    people: rng.shuffle(members.filter((p) => !holders.has(p.id) && !low.has(p.id))).slice(0, 23),
    courses: [course(2), course(9)],
  });
  specs.sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  for (const [i, s] of specs.entries()) {
    const id = newId();
    const code = classCode(year, i + 1);
    const created = minDate(addDays(s.startsOn, -rng.int(10, 30)), today);
    classRows.push({
      id,
      tenantId,
      orgId: s.orgId,
      code,
      title: s.title,
      topic: s.topic,
      description: `围绕“${s.topic}”开展集中培训。`,
      surveyId: s.surveyId ?? null,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      place: s.place,
      online: s.online ?? false,
      onlineUrl: s.online ? 'https://meeting.example.cn/hlr' : null,
      hours: s.hours,
      capacity: s.capacity ?? null,
      enrollment: s.enrollment ?? 'assign',
      signupUntil: s.signupUntil ?? null,
      participantOrgIds: s.scope,
      courseIds: s.courses,
      createdBy: null,
      createdByName: orgs.find((o) => o.id === s.orgId)?.name ?? null,
      createdAt: stamp(created < Y(1, 2) ? Y(1, 2) : created),
      updatedAt: stamp(created < Y(1, 2) ? Y(1, 2) : created),
    });
    ev('training_class.create', classEntity, id);
    const recorded = s.recorded ?? s.endsOn < today;
    let serial = 0;
    for (const p of s.people) {
      if (isMember(p) && !memberOn(p, s.endsOn)) continue;
      const r = rng.next();
      const rate = low.has(p.id) ? 0.15 : (s.presentRate ?? 0.9);
      const status = !recorded
        ? 'enrolled'
        : r < rate
          ? 'present'
          : r < rate + (1 - rate) * 0.6
            ? 'leave'
            : 'absent';
      const pid = newId();
      partRows.push({
        id: pid,
        tenantId,
        classId: id,
        personId: p.id,
        orgId: p.org_id,
        source: s.enrollment === 'signup' ? 'signup' : 'assigned',
        status,
        hours: status === 'present' ? s.hours : null,
        certificateNo: status === 'present' ? certificateNo(code, ++serial) : null,
        enrolledAt: stamp(created < Y(1, 2) ? Y(1, 2) : created),
        attendanceAt: recorded ? stamp(s.endsOn, 18) : null,
        attendanceByName: recorded ? '培训班主办单位' : null,
      });
      ev(
        recorded
          ? 'training_participant.attendance'
          : s.enrollment === 'signup'
            ? 'training_participant.signup'
            : 'training_participant.enroll',
        participantEntity,
        pid,
      );
    }
  }

  // ---- study content and progress ----
  const contentRows: (typeof trainingContents.$inferInsert)[] = [];
  const progressRows: (typeof trainingProgress.$inferInsert)[] = [];
  const completionRows: (typeof trainingCompletions.$inferInsert)[] = [];
  const contentSpecs = [
    ...DEMO_CONTENTS.map((c) => ({ ...c, orgId: committee.id, audience: [committee.id] })),
    {
      title: '运转一班：本月安全重点提示',
      kind: 'article' as const,
      topic: '安全生产',
      minutes: 10,
      hours: 0.5,
      body: '一、道岔除雪须两人作业、一人防护；二、接车前提前出场，确认进路；三、对讲机班前充电、班中保温。',
      required: true,
      publishedDaysAgo: 8,
      dueDaysAfter: 20,
      orgId: demoBranch.id,
      audience: [demoBranch.id],
    },
  ];
  for (const c of contentSpecs) {
    const id = newId();
    const publishedOn = addDays(today, -c.publishedDaysAgo);
    const dueOn = c.required && c.dueDaysAfter ? addDays(publishedOn, c.dueDaysAfter) : null;
    contentRows.push({
      id,
      tenantId,
      orgId: c.orgId,
      title: c.title,
      kind: c.kind,
      topic: c.topic,
      body: 'body' in c ? (c.body ?? null) : null,
      url: 'url' in c ? (c.url ?? null) : null,
      minutes: c.minutes,
      hours: c.hours,
      audienceOrgIds: c.audience,
      required: c.required ?? false,
      dueOn,
      publishedOn,
      createdBy: null,
      createdByName:
        c.orgId === committee.id ? '段党委宣传部' : (nameOf.get(state.holders.secretary) ?? null),
      createdAt: stamp(publishedOn, 9),
    });
    ev('training_content.publish', contentEntity, id);
    const audience = under(orgs.find((o) => o.id === c.audience[0])!.path);
    for (const p of audience) {
      // The demo member still has this month's required reading ahead of them.
      if (p.id === state.holders.member && c.publishedDaysAgo < 30) continue;
      const share = low.has(p.id) ? 0.05 : c.required ? (c.publishedDaysAgo < 30 ? 0.45 : 0.85) : 0.35;
      const last = dueOn ? minDate(today, addDays(dueOn, 10)) : today;
      const from = maxDate(publishedOn, p.joined_party_on ?? publishedOn);
      if (from > last) continue;
      const opened = rng.chance(share + 0.1);
      if (!opened) continue;
      const finished = rng.chance(share / (share + 0.1));
      const day = rng.date(from, last);
      const seconds = finished
        ? Math.round(c.minutes * 60 * (0.85 + rng.next() * 0.15))
        : rng.int(60, c.minutes * 30);
      progressRows.push({
        id: newId(),
        tenantId,
        contentId: id,
        personId: p.id,
        openedAt: stamp(day, 12),
        seconds,
        lastBeatAt: stamp(day, 13),
      });
      if (!finished || !memberOn(p, day)) continue;
      const cid = newId();
      completionRows.push({
        id: cid,
        tenantId,
        contentId: id,
        personId: p.id,
        finishedOn: day,
        finishedAt: stamp(day, 13),
        seconds,
        hours: c.hours,
      });
      ev('training_content.finish', completionEntity, cid);
    }
  }

  // ---- question bank, quizzes and attempts ----
  const questionRows: (typeof trainingQuestions.$inferInsert)[] = [];
  const byTopic = new Map<string, string[]>();
  const difficulty = new Map<string, number>();
  for (const [topic, list] of Object.entries(DEMO_QUESTIONS))
    for (const q of list) {
      const id = newId();
      questionRows.push({
        id,
        tenantId,
        orgId: committee.id,
        kind: q.kind,
        text: q.text,
        options: q.options,
        answer: q.answer,
        explanation: q.explanation,
        topic,
        createdByName: '段党委组织部',
        createdAt: stamp(Y(1, 15)),
      });
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), id]);
      difficulty.set(id, q.kind === 'multiple' ? 0.55 + rng.next() * 0.2 : 0.72 + rng.next() * 0.25);
      ev('training_question.create', questionEntity, id);
    }
  const qById = new Map(questionRows.map((q) => [q.id!, q]));
  const quizRows: (typeof trainingQuizzes.$inferInsert)[] = [];
  const attemptRows: (typeof trainingAttempts.$inferInsert)[] = [];
  const quizSpecs = [
    {
      title: '《中国共产党纪律处分条例》知识测试',
      topic: '党章党规党纪',
      mode: 'fixed' as const,
      pass: 60,
      max: 3,
      limit: null,
      published: Y(6, 20),
      closes: Y(7, 31),
      share: 0.72,
    },
    {
      title: '二十届四中全会精神应知应会',
      topic: '党的创新理论',
      mode: 'fixed' as const,
      pass: 60,
      max: null,
      limit: null,
      published: Y(1, 20),
      closes: Y(12, 31),
      share: 0.45,
    },
    {
      title: '安全规章知识测试（11月）',
      topic: '安全生产',
      mode: 'random' as const,
      pass: 80,
      max: 3,
      limit: 20,
      published: Y(11, 3),
      closes: Y(11, 30),
      share: 0.3,
    },
  ];
  for (const z of quizSpecs) {
    const id = newId();
    const pool = byTopic.get(z.topic) ?? [];
    quizRows.push({
      id,
      tenantId,
      orgId: committee.id,
      title: z.title,
      topic: z.topic,
      mode: z.mode,
      questionIds: pool,
      drawCount: z.mode === 'random' ? 10 : null,
      timeLimitMinutes: z.limit,
      passScore: z.pass,
      maxAttempts: z.max,
      audienceOrgIds: [committee.id],
      closesOn: z.closes,
      publishedOn: z.published,
      createdBy: null,
      createdByName: '段党委组织部',
      createdAt: stamp(z.published, 9),
    });
    ev('training_quiz.publish', quizEntity, id);
    const lastDay = minDate(z.closes, today);
    for (const p of members) {
      // The demo member has passed the spring quiz and not yet taken this month's.
      if (p.id === state.holders.member && z.mode === 'random') continue;
      const share = p.id === state.holders.member ? 1 : low.has(p.id) ? 0.05 : z.share;
      if (!rng.chance(share) || !memberOn(p, z.published)) continue;
      let tries = 0;
      for (;;) {
        tries += 1;
        const drawn = z.mode === 'random' ? rng.shuffle([...pool]).slice(0, 10) : pool;
        const skill = low.has(p.id) ? -0.25 : (rng.next() - 0.5) * 0.2 + tries * 0.05;
        const answers = drawn.map((qid) => {
          const q = qById.get(qid)!;
          const right = rng.chance(Math.min(0.99, difficulty.get(qid)! + skill));
          const wrong = q.options!.map((_, i) => i).filter((i) => !q.answer!.includes(i));
          return { questionId: qid, choices: right ? q.answer! : [rng.pick(wrong)] };
        });
        const graded = gradeAttempt(
          drawn.map((qid) => ({
            id: qid,
            kind: qById.get(qid)!.kind as 'single',
            answer: qById.get(qid)!.answer!,
          })),
          answers,
          z.pass,
        );
        const day = rng.date(z.published, lastDay);
        const started = new Date(at(day, 20).getTime() + tries * 3_600_000);
        if (started > state.now) break;
        const aid = newId();
        attemptRows.push({
          id: aid,
          tenantId,
          quizId: id,
          personId: p.id,
          questionIds: drawn,
          startedAt: started,
          deadlineAt: z.limit ? new Date(started.getTime() + z.limit * 60_000) : null,
          submittedAt: new Date(started.getTime() + rng.int(4, 15) * 60_000),
          answers,
          results: graded.results,
          score: graded.score,
          passed: graded.passed,
          late: false,
        });
        ev('training_attempt.submit', attemptEntity, aid);
        if (graded.passed || tries >= (z.max ?? 2) || !rng.chance(0.5)) break;
      }
    }
  }

  // ---- one imported 学习强国 file (the third quarter, points) ----
  const importId = newId();
  const importRows: (typeof trainingImportRows.$inferInsert)[] = [];
  const periodFrom = Y(7, 1);
  const periodTo = Y(9, 30);
  let row = 1;
  for (const p of members) {
    if (!memberOn(p, periodTo) || !rng.chance(low.has(p.id) ? 0.3 : 0.88)) continue;
    const points = low.has(p.id) ? rng.int(0, 120) : rng.int(150, 900);
    row += 1;
    const rid = newId();
    importRows.push({
      id: rid,
      tenantId,
      importId,
      personId: p.id,
      source: 'xuexi',
      periodFrom,
      periodTo,
      points,
      hours: round1(points / 100),
      row,
    });
  }
  const importRecord: typeof trainingImports.$inferInsert = {
    id: importId,
    tenantId,
    orgId: committee.id,
    source: 'xuexi',
    unit: 'points',
    fileName: `${year}年第三季度学习强国学习积分统计.xlsx`,
    periodFrom,
    periodTo,
    rowCount: importRows.length,
    totalHours: round1(importRows.reduce((s, r) => s + (r.hours as number), 0)),
    pointsPerHour: 100,
    importedBy: null,
    importedByName: '段党委组织部',
    importedAt: stamp(Y(10, 9), 16),
  };

  // ---- write ----
  const chunks = async <R>(rows: R[], insert: (part: R[]) => Promise<unknown>, size = 400) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  await chunks(courseRows, (part) => db.insert(trainingCourses).values(part));
  await chunks(surveyRows, (part) => db.insert(trainingSurveys).values(part));
  await chunks(answerRows, (part) => db.insert(trainingSurveyAnswers).values(part));
  await chunks(classRows, (part) => db.insert(trainingClasses).values(part));
  await chunks(partRows, (part) => db.insert(trainingParticipants).values(part));
  await chunks(contentRows, (part) => db.insert(trainingContents).values(part));
  await chunks(progressRows, (part) => db.insert(trainingProgress).values(part));
  await chunks(completionRows, (part) => db.insert(trainingCompletions).values(part));
  await chunks(questionRows, (part) => db.insert(trainingQuestions).values(part));
  await chunks(quizRows, (part) => db.insert(trainingQuizzes).values(part));
  await chunks(attemptRows, (part) => db.insert(trainingAttempts).values(part), 200);
  await db.insert(trainingImports).values(importRecord);
  await chunks(importRows, (part) => db.insert(trainingImportRows).values(part));

  for (const c of courseRows) ev('training_course.create', courseEntity, c.id!);
  for (const s of surveyRows) ev('training_survey.create', surveyEntity, s.id!);
  for (const a of answerRows) ev('training_survey.answer', surveyAnswerEntity, a.id!);
  ev('training_import.create', importEntity, importId);
  for (const r of importRows) ev('training_import.row', importRowEntity, r.id!);
  for (let i = 0; i < events.length; i += 2000) await recordAudit(db, events.slice(i, i + 2000));
};
