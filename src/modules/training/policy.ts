import { type Actor, isUnder, managedPaths, manages, pathsWithRole } from '../../platform/access';
import { allow, type Decision, deny, hide, when } from '../../platform/policy';

/**
 * Who may do what in training. The organizer's managers run what it organizes (a branch secretary their
 * branch's classes, a general branch and the committee theirs); members see what is addressed to them and
 * their own records; the three platform administrators see no member data.
 */

type Org = { tenantId: string; path: string; type: string };
const sameTenant = (actor: Actor, r: { tenantId: string }) =>
  r.tenantId === actor.tenantId && actor.adminRole === null;

/** The three platform administrators never see member data (三员分立). */
export const seesTraining = (actor: Actor): Decision =>
  when(actor.adminRole === null, deny('平台管理员不查看党员的学习数据'));

/** Manager views (statistics, the whole ledger, the bank): a manager of some subtree. */
export const managesSomewhere = (actor: Actor): Decision =>
  seesTraining(actor).ok
    ? when(managedPaths(actor).length > 0, deny('只有支部书记、支委及上级组织可以查看'))
    : seesTraining(actor);

/** A member's own records: an account linked to a person. */
export const hasPerson = (actor: Actor): Decision =>
  seesTraining(actor).ok
    ? when(actor.personId !== null, deny('您的账号没有关联人员档案，请联系支部书记'))
    : seesTraining(actor);

const ORGANIZER_TYPES: Record<string, readonly string[]> = {
  class: ['committee', 'general_branch', 'branch'],
  survey: ['committee', 'general_branch'],
  course: ['committee', 'general_branch', 'branch'],
  content: ['committee', 'general_branch', 'branch'],
  quiz: ['committee', 'general_branch', 'branch'],
  question: ['committee', 'general_branch', 'branch'],
  import: ['committee', 'general_branch', 'branch'],
};
const WHAT: Record<string, string> = {
  class: '培训班',
  survey: '需求调查',
  course: '课程',
  content: '学习内容',
  quiz: '测试',
  question: '试题',
  import: '学时导入',
};

/** Organizing something in an organization: its managers, for the organization types that organize it. */
export function canOrganizeIn(actor: Actor, org: Org, what: keyof typeof ORGANIZER_TYPES): Decision {
  if (!sameTenant(actor, org)) return hide('组织');
  if (!ORGANIZER_TYPES[what].includes(org.type))
    return deny(what === 'survey' ? '需求调查由党委或党总支发出' : `${WHAT[what]}由党委、党总支或党支部组织`);
  return when(manages(actor, org.path), deny(`只有该组织的管理者可以发布${WHAT[what]}`));
}

// ---- classes ----

export type ClassAction = 'read' | 'manage' | 'signup' | 'withdraw';
export interface ClassResource {
  tenantId: string;
  orgPath: string;
  /** Paths of the organizations whose members take part or may sign up. */
  scopePaths: string[];
  enrollment: 'assign' | 'signup';
  cancelled: boolean;
  /** The caller's participation, if any. */
  myStatus: string | null;
  /** The caller's branch path (signing up needs it to lie in the class's scope). */
  myBranchPath: string | null;
  signupOpen: boolean;
  full: boolean;
  /** Some participant belongs to a branch in a subtree the caller manages (a class assigned to people). */
  managesAParticipant?: boolean;
}

/** Managers of the organizer, or of a branch in the class's scope, read it; participants read it too. */
export function canOnClass(actor: Actor, action: ClassAction, c: ClassResource): Decision {
  if (!sameTenant(actor, c)) return hide('培训班');
  const organizer = manages(actor, c.orgPath);
  const paths = managedPaths(actor);
  const scopeManager =
    c.scopePaths.some((p) => isUnder(p, paths) || paths.some((m) => m.startsWith(p))) ||
    (paths.length > 0 && c.managesAParticipant === true);
  const participant = c.myStatus !== null && c.myStatus !== 'withdrawn';
  const mayJoin =
    c.enrollment === 'signup' && !!c.myBranchPath && isUnder(c.myBranchPath, c.scopePaths) && !c.cancelled;
  if (!organizer && !scopeManager && !participant && !mayJoin && c.myStatus === null) return hide('培训班');
  if (action === 'read') return allow;
  if (action === 'manage') {
    if (!organizer) return deny('由主办组织的管理者管理本班');
    return when(!c.cancelled, deny('该培训班已取消'));
  }
  if (c.cancelled) return deny('该培训班已取消');
  if (action === 'signup') {
    if (!mayJoin)
      return deny(
        c.enrollment === 'assign' ? '本班由主办单位指定学员，不接受报名' : '您不在本班的报名范围内',
      );
    if (participant) return deny('您已报名');
    if (!c.signupOpen) return deny('报名已截止');
    return when(!c.full, deny('名额已满'));
  }
  // withdraw
  if (c.myStatus !== 'enrolled') return deny('只有已报名、未考勤的学员可以退出');
  return when(c.signupOpen, deny('报名已截止，如需请假请联系主办单位'));
}

// ---- content and quizzes (published to a scope) ----

export interface PublishedResource {
  tenantId: string;
  orgPath: string;
  audiencePaths: string[];
  myBranchPath: string | null;
}

/** The audience reads and takes it; the publisher's managers and the managers inside the audience follow it. */
export function canOnPublished(
  actor: Actor,
  action: 'read' | 'study' | 'results',
  r: PublishedResource,
  what: '学习内容' | '测试',
): Decision {
  if (!sameTenant(actor, r)) return hide(what);
  const publisher = manages(actor, r.orgPath);
  const paths = managedPaths(actor);
  const audienceManager = r.audiencePaths.some(
    (p) => isUnder(p, paths) || paths.some((m) => m.startsWith(p)),
  );
  const audience = !!r.myBranchPath && isUnder(r.myBranchPath, r.audiencePaths) && actor.personId !== null;
  if (!publisher && !audienceManager && !audience) return hide(what);
  if (action === 'read') return allow;
  if (action === 'study') return when(audience, deny(`您不在该${what}的发布范围内`));
  return when(publisher || audienceManager, deny('只有发布组织和范围内的管理者可以查看结果'));
}

// ---- surveys ----

export interface SurveyResource {
  tenantId: string;
  orgPath: string;
  audience: 'members' | 'branches';
  myBranchPath: string | null;
  deadline: string;
}

/** The issuer's managers see the results; the audience answers until the deadline. */
export function canOnSurvey(
  actor: Actor,
  action: 'read' | 'answer' | 'results',
  s: SurveyResource,
  today: string,
): Decision {
  if (!sameTenant(actor, s)) return hide('需求调查');
  const issuer = manages(actor, s.orgPath);
  const secretaryOf = pathsWithRole(actor, ['branch_secretary']).filter((p) => p.startsWith(s.orgPath));
  const answersForBranch = s.audience === 'branches' && secretaryOf.length > 0;
  const answersAsMember =
    s.audience === 'members' && !!s.myBranchPath && s.myBranchPath.startsWith(s.orgPath) && !!actor.personId;
  if (!issuer && !answersForBranch && !answersAsMember) return hide('需求调查');
  if (action === 'read') return allow;
  if (action === 'results') return when(issuer, deny('只有发起组织的管理者可以查看汇总'));
  if (!answersForBranch && !answersAsMember) return deny('该调查不需要您填写');
  return when(s.deadline >= today, deny('调查已截止'));
}

// ---- people's ledgers ----

/** A member's ledger: themself, or a manager of their branch. */
export function canReadLedgerOf(
  actor: Actor,
  p: { tenantId: string; personId: string; orgPath: string },
): Decision {
  if (!sameTenant(actor, p)) return hide('人员');
  return when(actor.personId === p.personId || manages(actor, p.orgPath), hide('人员'));
}

// ---- settings ----

export const canEditSettings = (actor: Actor, committeePath: string | undefined): Decision =>
  when(
    actor.adminRole === null &&
      !!committeePath &&
      pathsWithRole(actor, ['committee_admin']).includes(committeePath),
    deny('只有党委管理员可以修改培训设置'),
  );
