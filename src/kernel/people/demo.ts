import { recordAudit } from '../../platform/audit';
import type { DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { apportion } from '../../platform/random';
import { childPath, type SeedGroup, seedBranchLeadership, seedPartyGroups } from '../orgs/api';
import { withCheckDigit } from './rules';
import { sealSensitive } from './sensitive';
import { nameSortKey } from './sort-key';
import { membershipEntity, people, personEntity, personMemberships } from './tables';

const EMPLOYEES = 3734;
const MEMBERS = 1581;

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文包吴关那鄂敖';
const MALE =
  '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const FEMALE =
  '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
const ETHNICITIES: [string, number][] = [
  ['汉族', 80],
  ['蒙古族', 9],
  ['满族', 5],
  ['回族', 2],
  ['达斡尔族', 2],
  ['鄂温克族', 1],
  ['朝鲜族', 1],
];
const STATION_POSTS = [
  '车站值班员',
  '助理值班员',
  '信号员',
  '调车长',
  '连结员',
  '客运员',
  '货运员',
  '售票员',
  '车号员',
  '货运检查员',
  '客运值班员',
  '货运值班员',
];
const LEAD_POSTS = ['站长', '副站长', '车间主任', '安全员', '技术员'];
const OFFICE_POSTS = [
  '党群干事',
  '组织干事',
  '宣传干事',
  '人事干事',
  '安全科科员',
  '技术科科员',
  '财务科科员',
  '调度员',
];
const REGION_CODES = ['150702', '150703', '150781', '150782', '150783', '150785', '150721', '150724'];
const STREETS = [
  '胜利大街',
  '中央街',
  '河东路',
  '建设路',
  '新华路',
  '健康街',
  '东大街',
  '西大街',
  '铁路北街',
  '站前路',
];
const EDUCATION: [string, number][] = [
  ['大学本科', 30],
  ['大学专科', 35],
  ['中等专科', 20],
  ['高中', 12],
  ['研究生', 1],
  ['初中及以下', 2],
];

function weighted<T>(rng: { next(): number }, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[0][0];
}

const addYears = (date: string, years: number) =>
  `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');

export const demoPeople: DemoStep = async (ctx, state) => {
  const { rng, tenantId, today } = state;
  const branches = state.orgs.filter((o) => o.type === 'branch');
  const demoIndex = branches.findIndex((b) => b.id === state.demoBranchId);
  const weights = branches.map((b, i) =>
    i === demoIndex ? 1.2 : b.name.includes('离退休') ? 1.9 : 0.5 + rng.next() * 1.3,
  );
  const employeeCounts = apportion(EMPLOYEES, weights);
  // Members per branch: about 42% of staff, with a few branches far below (size warnings) and one above 50.
  const memberWeights = branches.map((b, i) => {
    if (b.name.includes('离退休')) return employeeCounts[i] * 0.9;
    if (i % 29 === 7) return 1.5; // a branch with too few full members
    return employeeCounts[i] * (0.3 + rng.next() * 0.25);
  });
  const memberCounts = apportion(MEMBERS, memberWeights).map((m, i) =>
    Math.min(m, employeeCounts[i] - (branches[i].name.includes('离退休') ? 0 : 2)),
  );
  let deficit = MEMBERS - memberCounts.reduce((a, b) => a + b, 0);
  for (let i = 0; deficit > 0; i = (i + 1) % branches.length) {
    if (memberCounts[i] + 1 < employeeCounts[i] - 1 && i % 29 !== 7) {
      memberCounts[i] += 1;
      deficit -= 1;
    }
  }

  const personRows: (typeof people.$inferInsert)[] = [];
  const memberships: (typeof personMemberships.$inferInsert)[] = [];
  const groupRows: SeedGroup[] = [];
  const committeeBranches = new Set<string>();
  const now = state.now;
  let seq = 0;

  branches.forEach((branch, bi) => {
    const employees = employeeCounts[bi];
    const members = memberCounts[bi];
    const retiree = branch.name.includes('离退休');
    const office = branch.station === '段机关' || branch.name.includes('中心');
    const probationary = Math.max(0, Math.round(members * 0.07 * rng.next() * 2));
    const groups: string[] = [];
    if (employees >= 40 && !retiree) {
      const n = employees >= 60 ? 3 : 2;
      for (let g = 0; g < n; g++) {
        const id = newId();
        const established = branch.establishedOn;
        groupRows.push({
          id,
          tenantId,
          branch: { id: branch.id, path: branch.path },
          code: `${branch.id.slice(0, 4)}-G${g + 1}`,
          name: `第${'一二三'[g]}党小组`,
          establishedOn: established,
          sortOrder: g,
        });
        groups.push(id);
      }
    }
    const full = members - probationary;
    // Most branches with 7+ full members have a committee; a few have not yet elected one (a warning).
    if (full >= 7 && (branch.id === state.demoBranchId || bi % 17 !== 3)) committeeBranches.add(branch.id);

    for (let k = 0; k < employees; k++) {
      seq += 1;
      const gender = rng.chance(retiree ? 0.7 : 0.72) ? 'male' : 'female';
      const name =
        rng.pick([...SURNAMES]) +
        (rng.chance(0.55) ? rng.pick([...(gender === 'male' ? MALE : FEMALE)]) : '') +
        rng.pick([...(gender === 'male' ? MALE : FEMALE)]);
      const birthDate = retiree ? rng.date('1945-01-01', '1966-06-30') : rng.date('1966-07-01', '2004-06-30');
      const isMember = k < members;
      const partyStatus = !isMember
        ? weighted(rng, [
            ['masses', 80],
            ['applicant', 10],
            ['activist', 6],
            ['candidate', 2],
          ] as [string, number][])
        : k < probationary
          ? 'probationary'
          : 'full';
      const adult = addYears(birthDate, 18);
      const joinedPartyOn = isMember
        ? partyStatus === 'probationary'
          ? rng.date(addYears(today, -1) < adult ? adult : addYears(today, -1), today)
          : rng.date(
              addYears(birthDate, 20),
              addYears(birthDate, 40) > today ? addYears(today, -2) : addYears(birthDate, 40),
            )
        : null;
      const fullMemberOn = partyStatus === 'full' && joinedPartyOn ? addYears(joinedPartyOn, 1) : null;
      const startedWorkOn = rng.date(
        addYears(birthDate, 18),
        addYears(birthDate, 24) > today ? today : addYears(birthDate, 24),
      );
      const region = rng.pick(REGION_CODES);
      const idNumber = withCheckDigit(
        `${region}${birthDate.replaceAll('-', '')}${String(rng.int(0, 99)).padStart(2, '0')}${gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8])}`,
      );
      const mobile = `1${rng.pick(['33', '35', '38', '39', '50', '52', '55', '58', '80', '86', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
      const address = `内蒙古自治区呼伦贝尔市${rng.pick(['海拉尔区', '牙克石市', '扎兰屯市', '满洲里市', '根河市'])}${rng.pick(STREETS)}${rng.int(1, 300)}号${rng.int(1, 12)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`;
      const post = retiree
        ? '退休职工'
        : office
          ? rng.pick(OFFICE_POSTS)
          : k === 0
            ? rng.pick(LEAD_POSTS)
            : rng.pick(STATION_POSTS);
      const id = newId();
      const exempt = retiree && birthDate < '1950-01-01';
      const lostContact = isMember && !retiree && rng.chance(0.002);
      const floating = isMember && !retiree && !lostContact && rng.chance(0.01);
      personRows.push({
        id,
        tenantId,
        orgId: branch.id,
        partyGroupId: groups.length && isMember ? groups[k % groups.length] : null,
        name,
        nameSort: nameSortKey(name),
        gender,
        ethnicity: weighted(rng, ETHNICITIES),
        birthDate,
        education: weighted(rng, EDUCATION),
        category: retiree ? '离退休人员' : office ? '管理人员' : post === '技术员' ? '专业技术人员' : '工人',
        partyStatus,
        joinedPartyOn,
        fullMemberOn,
        jobPost: post,
        ...sealSensitive(ctx, { idNumber, mobile, address }),
        standing: 'normal',
        lostContact,
        lostContactOn: lostContact ? rng.date(addYears(today, -1), today) : null,
        floating,
        floatingTo: floating
          ? rng.pick(['黑龙江省哈尔滨市南岗区', '内蒙古自治区呼和浩特市新城区', '辽宁省大连市沙河口区'])
          : null,
        employeeNo: `HLR${String(100000 + seq)}`,
        post,
        workplace: office ? branch.station : `${branch.station}站`,
        startedWorkOn,
        partyPosts: null,
        exempt,
        createdAt: now,
        updatedAt: now,
      });
      memberships.push({
        id: newId(),
        tenantId,
        personId: id,
        orgId: branch.id,
        validFrom: branch.establishedOn > startedWorkOn ? branch.establishedOn : startedWorkOn,
        reason: 'joined',
        createdAt: now,
      });
      state.people.push({ id, orgId: branch.id, name, partyStatus, birthDate, exempt });
    }
  });

  // Branch secretaries: the first full member of each branch.
  const secretaryOf = new Map<string, string>();
  for (const p of personRows) {
    if (p.partyStatus === 'full' && !secretaryOf.has(p.orgId)) {
      secretaryOf.set(p.orgId, p.id!);
      p.partyPosts = committeeBranches.has(p.orgId) ? '党支部书记' : '党支部书记';
    }
  }
  // The demo branch's secretary, one member, and its committee members.
  const demoPeople = personRows.filter((p) => p.orgId === state.demoBranchId);
  const demoFull = demoPeople.filter((p) => p.partyStatus === 'full');
  state.holders.secretary = demoFull[0].id!;
  state.holders.member = demoFull[3].id!;
  demoFull[1].partyPosts = '组织委员';
  demoFull[2].partyPosts = '宣传委员';

  await ctx.db.transaction(async (tx) => {
    const groupsWritten = await seedPartyGroups(tx, state.system, groupRows);
    for (let i = 0; i < personRows.length; i += 300)
      await tx.insert(people).values(personRows.slice(i, i + 300));
    for (let i = 0; i < memberships.length; i += 500)
      await tx.insert(personMemberships).values(memberships.slice(i, i + 500));
    const leadership = await seedBranchLeadership(
      tx,
      state.system,
      branches.map((b) => ({
        tenantId,
        orgId: b.id,
        hasCommittee: committeeBranches.has(b.id),
        secretaryPersonId: secretaryOf.get(b.id) ?? null,
      })),
    );
    await recordAudit(tx, [
      ...groupsWritten.events,
      ...leadership,
      ...personRows.map((p) => ({
        tenantId,
        actor: state.system,
        action: 'person.create',
        target: { entity: personEntity, id: p.id! },
      })),
      ...memberships.map((m) => ({
        tenantId,
        actor: state.system,
        action: 'membership.write',
        target: { entity: membershipEntity, id: m.id! },
      })),
    ]);
  });
  for (const o of state.orgs) if (committeeBranches.has(o.id)) o.hasCommittee = true;
  for (const g of groupRows)
    state.orgs.push({
      id: g.id,
      type: 'party_group',
      name: g.name,
      parentId: g.branch.id,
      path: childPath(g.branch.path, g.id),
      establishedOn: g.establishedOn,
      hasCommittee: false,
      station: '',
    });
};
