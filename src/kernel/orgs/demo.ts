import { recordAudit } from '../../platform/audit';
import type { DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { apportion } from '../../platform/random';
import { childPath } from './rules';
import { orgEntity, orgParentHistory, orgParentHistoryEntity, orgs, tenantEntity, tenants } from './tables';

/** The general branches of 海拉尔车务段 and the stations each looks after, along 滨洲线, 牙林线 and 海伊线. */
const GENERAL_BRANCHES: { name: string; stations: string[]; kinds?: string[] }[] = [
  { name: '机关党总支', stations: ['段机关'], kinds: ['机关第一', '机关第二', '机关第三', '离退休'] },
  {
    name: '海拉尔站党总支',
    stations: ['海拉尔'],
    kinds: ['运转一班', '运转二班', '运转三班', '运转四班', '客运', '货运', '调车'],
  },
  { name: '海拉尔东站党总支', stations: ['海拉尔东'], kinds: ['运转', '货运', '调车', '车号'] },
  { name: '扎兰屯站党总支', stations: ['扎兰屯', '成吉思汗', '哈拉苏'] },
  { name: '巴林站党总支', stations: ['巴林', '雅鲁', '碾子山'] },
  { name: '博克图站党总支', stations: ['博克图', '沙力', '新南沟'] },
  { name: '兴安岭站党总支', stations: ['兴安岭', '伊列克得', '乌奴耳'] },
  { name: '免渡河站党总支', stations: ['免渡河', '乌固诺尔', '大雁'] },
  { name: '牙克石站党总支', stations: ['牙克石', '库都尔'], kinds: ['运转', '客运', '货运', '调车'] },
  { name: '哈克站党总支', stations: ['哈克', '谢尔塔拉'] },
  { name: '嵯岗站党总支', stations: ['嵯岗', '完工', '赫尔洪得'] },
  { name: '扎赉诺尔西站党总支', stations: ['扎赉诺尔西', '东湖'] },
  { name: '伊敏站党总支', stations: ['伊敏', '红花尔基', '巴彦托海'] },
  { name: '根河站党总支', stations: ['根河', '金河', '得耳布尔'] },
  { name: '图里河站党总支', stations: ['图里河', '伊图里河', '阿龙山'] },
  { name: '满归站党总支', stations: ['满归', '莫尔道嘎'] },
  { name: '拉布大林站党总支', stations: ['拉布大林', '三河', '黑山头'] },
  { name: '货运营销中心党总支', stations: ['货运中心'], kinds: ['营销', '货运检查', '装卸', '计划'] },
];
const STATION_KINDS = ['运转', '客运', '货运', '综合'];
const SHIFT_NUMERALS = '一二三四五六七八九';
const BRANCH_TOTAL = 121;

export const demoOrgs: DemoStep = async (ctx, state) => {
  const { rng } = state;
  const tenantId = state.tenantId;
  const committeeId = newId();
  state.committeeId = committeeId;
  const rows: (typeof orgs.$inferInsert)[] = [];
  const history: (typeof orgParentHistory.$inferInsert)[] = [];
  const committeePath = `/${committeeId}/`;
  rows.push({
    id: committeeId,
    tenantId,
    parentId: null,
    type: 'committee',
    code: 'HLR',
    name: '海拉尔车务段党委',
    path: committeePath,
    depth: 0,
    establishedOn: '2005-03-01',
    hasCommittee: true,
  });
  state.orgs.push({
    id: committeeId,
    type: 'committee',
    name: '海拉尔车务段党委',
    parentId: null,
    path: committeePath,
    establishedOn: '2005-03-01',
    hasCommittee: true,
    station: '海拉尔',
  });

  // Branch counts per general branch: the named kinds first, the rest spread over the station lists.
  const fixed = GENERAL_BRANCHES.map((g) => g.kinds?.length ?? 0);
  const open = GENERAL_BRANCHES.map((g, i) => (fixed[i] ? 0 : g.stations.length * 2));
  const openCounts = apportion(BRANCH_TOTAL - fixed.reduce((a, b) => a + b, 0), open);

  GENERAL_BRANCHES.forEach((g, gi) => {
    const gbId = newId();
    const gbPath = childPath(committeePath, gbId);
    const established = rng.date('2016-01-01', '2017-12-31');
    const gbCode = `HLR-${String(gi + 1).padStart(2, '0')}`;
    rows.push({
      id: gbId,
      tenantId,
      parentId: committeeId,
      type: 'general_branch',
      code: gbCode,
      name: g.name,
      path: gbPath,
      depth: 1,
      establishedOn: established,
      hasCommittee: true,
      sortOrder: gi,
    });
    history.push({ id: newId(), tenantId, orgId: gbId, parentId: committeeId, validFrom: established });
    state.orgs.push({
      id: gbId,
      type: 'general_branch',
      name: g.name,
      parentId: committeeId,
      path: gbPath,
      establishedOn: established,
      hasCommittee: true,
      station: g.stations[0],
    });
    if (g.name === '海拉尔站党总支') state.demoGeneralId = gbId;

    const names: { name: string; station: string; joint?: boolean; retiree?: boolean }[] = [];
    if (g.kinds) {
      const st = g.stations[0];
      const prefix = st === '段机关' ? '' : st.endsWith('中心') ? st : `${st}站`;
      for (const k of g.kinds)
        names.push({ name: `${prefix}${k}党支部`, station: st, retiree: k === '离退休' });
    } else {
      const n = openCounts[gi];
      // A few small stations share a joint branch (联合党支部).
      const jointStations = g.stations.length >= 3 && gi % 4 === 1 ? g.stations.slice(1) : [];
      if (jointStations.length)
        names.push({ name: `${jointStations.join('')}联合党支部`, station: jointStations[0], joint: true });
      const teams: { station: string; kind: string }[] = [];
      for (let i = 0; names.length + teams.length < n; i++) {
        const st = g.stations[i % g.stations.length];
        if (jointStations.includes(st)) {
          if (g.stations.filter((s) => !jointStations.includes(s)).length === 0) break;
          continue;
        }
        const kind = STATION_KINDS[Math.floor(i / g.stations.length) % STATION_KINDS.length];
        teams.push({ station: st, kind });
      }
      // A station with more branches than kinds of work has shift teams (运转一班, 运转二班): names stay unique.
      const seen = new Map<string, number>();
      for (const t of teams) {
        const key = `${t.station}站${t.kind}`;
        const shifts = teams.filter((u) => u.station === t.station && u.kind === t.kind).length;
        const k = (seen.get(key) ?? 0) + 1;
        seen.set(key, k);
        names.push({
          name: shifts > 1 ? `${key}${SHIFT_NUMERALS[k - 1]}班党支部` : `${key}党支部`,
          station: t.station,
        });
      }
    }
    names.forEach((b, bi) => {
      const id = newId();
      const path = childPath(gbPath, id);
      const est = rng.date(established, '2018-06-30');
      const name = b.name;
      rows.push({
        id,
        tenantId,
        parentId: gbId,
        type: 'branch',
        code: `${gbCode}-${String(bi + 1).padStart(2, '0')}`,
        name,
        path,
        depth: 2,
        establishedOn: est,
        isJoint: !!b.joint,
        isRetiree: !!b.retiree,
        sortOrder: bi,
      });
      history.push({ id: newId(), tenantId, orgId: id, parentId: gbId, validFrom: est });
      state.orgs.push({
        id,
        type: 'branch',
        name,
        parentId: gbId,
        path,
        establishedOn: est,
        hasCommittee: false,
        station: b.station,
      });
      if (name === '海拉尔站运转一班党支部') state.demoBranchId = id;
    });
  });

  await ctx.db.transaction(async (tx) => {
    await tx.insert(tenants).values({ id: tenantId, name: '海拉尔车务段党委', settings: {} });
    for (let i = 0; i < rows.length; i += 200) await tx.insert(orgs).values(rows.slice(i, i + 200));
    await tx.insert(orgParentHistory).values(history);
    await recordAudit(tx, [
      {
        tenantId,
        actor: state.system,
        action: 'tenant.create',
        target: { entity: tenantEntity, id: tenantId },
      },
      ...rows.map((r) => ({
        tenantId,
        actor: state.system,
        action: 'org.create',
        target: { entity: orgEntity, id: r.id! },
      })),
      ...history.map((h) => ({
        tenantId,
        actor: state.system,
        action: 'org.parent_history',
        target: { entity: orgParentHistoryEntity, id: h.id! },
      })),
    ]);
  });
};
