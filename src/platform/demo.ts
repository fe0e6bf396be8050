import type { AppContext } from './context';
import type { Rng } from './random';

export const DEMO_PASSWORD = 'Branchline@2026';
/** "Today" of the demo data is the real today; the section's history is generated backwards from it. */
export interface DemoState {
  rng: Rng;
  tenantId: string;
  today: string;
  /** The moment the section is generated at (recording times are never after it). */
  now: Date;
  committeeId: string;
  /** The general branch and branch the demo accounts work in. */
  demoGeneralId: string;
  demoBranchId: string;
  orgs: {
    id: string;
    type: string;
    name: string;
    parentId: string | null;
    path: string;
    establishedOn: string;
    hasCommittee: boolean;
    station: string;
  }[];
  people: {
    id: string;
    orgId: string;
    name: string;
    partyStatus: string;
    birthDate: string;
    exempt: boolean;
  }[];
  /** Person ids of the demo accounts' holders. */
  holders: Record<string, string>;
  system: { id: null; name: string; ip: null };
}

export type DemoStep = (ctx: AppContext, state: DemoState) => Promise<void>;

export const DEMO_ACCOUNTS = [
  { username: 'demo-committee', label: '党委管理员（全段）' },
  { username: 'demo-general', label: '党总支管理员（海拉尔站党总支）' },
  { username: 'demo-secretary', label: '支部书记（海拉尔站运转一班党支部）' },
  { username: 'demo-member', label: '党员（海拉尔站运转一班党支部）' },
  { username: 'demo-sysadmin', label: '系统管理员' },
  { username: 'demo-secadmin', label: '安全管理员' },
  { username: 'demo-auditor', label: '审计管理员' },
] as const;
