import { Card, Col, DatePicker, Form, Input, Radio, Row, Select, Switch, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { today } from '../../../web/format';
import type { OrgItem } from '../../orgs/contract';
import { orgSelectTree } from '../../orgs/web/hooks';
import type { PersonDetail } from '../contract';
import { isLandline, isMobile, parseIdNumber } from '../rules';
import {
  EDUCATION_LEVELS,
  PERSON_FIELD_LABELS as L,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  PERSON_CATEGORIES,
  type SensitiveField,
  STANDING_LABELS,
} from './model';

/** The person form's cards: personal, work and party facts (PersonForm.tsx holds the form). */

const col = (node: ReactNode, wide = false) => (
  <Col xs={24} md={wide ? 24 : 12} xl={wide ? 24 : 8}>
    {node}
  </Col>
);
const noFuture = (d: Dayjs) => d.isAfter(today());
const check = (ok: (v: string) => boolean, message: string) => ({
  validator: (_: unknown, v: string) =>
    !v || ok(v) ? Promise.resolve() : Promise.reject(new Error(message)),
});

export function PersonalCard({
  person,
  onIdNumber,
}: {
  person?: PersonDetail;
  onIdNumber: (raw: string) => void;
}) {
  const placeholder = (f: SensitiveField) =>
    person ? (person[f] ? `当前 ${person[f]}，不修改请留空` : '未填写') : undefined;
  const idNumberValid = (v: string) => parseIdNumber(v).valid;
  return (
    <Card size="small" title="个人信息" style={{ marginBottom: 12 }}>
      <Row gutter={16}>
        {col(
          <Form.Item
            name="name"
            label={L.name}
            rules={[{ required: true, message: '请输入姓名' }, { max: 50 }]}
          >
            <Input />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="gender" label={L.gender} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'male', label: '男' },
                { value: 'female', label: '女' },
              ]}
            />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="ethnicity" label={L.ethnicity} rules={[{ max: 20 }]}>
            <Input placeholder="如：汉族" />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="idNumber"
            label={L.idNumber}
            rules={[
              {
                validator: (_, v: string) =>
                  !v || idNumberValid(v)
                    ? Promise.resolve()
                    : Promise.reject(new Error(`公民身份号码${parseIdNumber(v).reason}`)),
              },
            ]}
          >
            <Input
              placeholder={placeholder('idNumber')}
              maxLength={18}
              onBlur={(e) => onIdNumber(e.target.value)}
            />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="birthDate" label={L.birthDate}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="education" label={L.education}>
            <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="category" label={L.category}>
            <Select allowClear options={PERSON_CATEGORIES.map((e) => ({ value: e, label: e }))} />
          </Form.Item>,
        )}
        <ContactFields placeholder={placeholder} />
      </Row>
    </Card>
  );
}

/** Phones and address: sealed, so an edit shows the masked value and sends only what is typed. */
function ContactFields({ placeholder }: { placeholder: (f: SensitiveField) => string | undefined }) {
  return (
    <>
      {col(
        <Form.Item name="mobile" label={L.mobile} rules={[check(isMobile, '手机号应为 11 位数字')]}>
          <Input placeholder={placeholder('mobile')} maxLength={20} inputMode="tel" />
        </Form.Item>,
      )}
      {col(
        <Form.Item
          name="landline"
          label={L.landline}
          rules={[check(isLandline, '固定电话格式如 0470-1234567')]}
        >
          <Input placeholder={placeholder('landline') ?? '如 0470-1234567'} maxLength={20} />
        </Form.Item>,
      )}
      {col(
        <Form.Item name="address" label={L.address} rules={[{ max: 200 }]}>
          <Input placeholder={placeholder('address')} />
        </Form.Item>,
        true,
      )}
    </>
  );
}

/** Work: 工号, where, the one 岗位 (the national 工作岗位, also written as the unit's 岗位), since when. */
export function WorkCard() {
  return (
    <Card size="small" title="工作信息" style={{ marginBottom: 12 }}>
      <Row gutter={16}>
        {col(
          <Form.Item name="employeeNo" label={L.employeeNo} rules={[{ max: 30 }]}>
            <Input />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="workplace" label={L.workplace} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="jobPost" label={L.jobPost} rules={[{ max: 50 }]}>
            <Input placeholder="如：车站值班员" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="startedWorkOn" label={L.startedWorkOn}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>,
        )}
      </Row>
    </Card>
  );
}

/** Where the person belongs: the branch (only those one may add people to are offered) and the party group. */
function BranchFields({
  orgs,
  orgId,
  loading,
  onBranch,
}: {
  orgs: OrgItem[];
  orgId: string | undefined;
  loading: boolean;
  onBranch: () => void;
}) {
  const groups = orgs.filter((o) => o.parentId === orgId && o.type === 'party_group' && !o.dissolvedOn);
  return (
    <>
      {col(
        <Form.Item name="orgId" label={L.orgId} rules={[{ required: true, message: '请选择所在党支部' }]}>
          <TreeSelect
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={orgSelectTree(orgs, (o) => o.type === 'branch' && !o.dissolvedOn)}
            treeDefaultExpandAll={orgs.length < 30}
            loading={loading}
            placeholder="选择党支部"
            onChange={onBranch}
          />
        </Form.Item>,
      )}
      {col(
        <Form.Item name="partyGroupId" label={L.partyGroupId}>
          <Select
            allowClear
            placeholder={groups.length ? '选择党小组' : '该支部未设党小组'}
            disabled={!groups.length}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
          />
        </Form.Item>,
      )}
    </>
  );
}

export function PartyCard({
  orgs,
  orgsLoading,
  onBranch,
  watched,
}: {
  orgs: OrgItem[];
  orgsLoading: boolean;
  onBranch: () => void;
  watched: { orgId?: string; status?: string; lostContact?: boolean; floating?: boolean };
}) {
  const { orgId, status } = watched;
  const member = status === 'full' || status === 'probationary';
  return (
    <Card size="small" title="党员信息" style={{ marginBottom: 12 }}>
      <Row gutter={16}>
        <BranchFields orgs={orgs} orgId={orgId} loading={orgsLoading} onBranch={onBranch} />
        {col(
          <Form.Item name="partyStatus" label={L.partyStatus} rules={[{ required: true }]}>
            <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABELS[s] }))} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="joinedPartyOn"
            label={L.joinedPartyOn}
            rules={[{ required: member, message: '党员须填写加入党组织日期' }]}
          >
            <DatePicker style={{ width: '100%' }} disabled={!member} disabledDate={noFuture} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="fullMemberOn"
            label={L.fullMemberOn}
            rules={[{ required: status === 'full', message: '正式党员须填写转为正式党员日期' }]}
            extra={status === 'probationary' ? '预备党员转正前留空' : undefined}
          >
            <DatePicker style={{ width: '100%' }} disabled={status !== 'full'} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="partyPosts" label={L.partyPosts} rules={[{ max: 100 }]}>
            <Input placeholder="如：支部书记、组织委员" />
          </Form.Item>,
        )}
        <StandingFields member={member} lostContact={watched.lostContact} floating={watched.floating} />
      </Row>
    </Card>
  );
}

/** 党籍, 失联, 流动 and 免于参加组织生活, with the dates and places they call for, and the remarks. */
function StandingFields({
  member,
  lostContact,
  floating,
}: {
  member: boolean;
  lostContact?: boolean;
  floating?: boolean;
}) {
  return (
    <>
      {col(
        <Form.Item name="standing" label={L.standing}>
          <Select options={Object.entries(STANDING_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>,
      )}
      {col(
        <Form.Item name="lostContact" label={L.lostContact} valuePropName="checked">
          <Switch disabled={!member} checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>,
      )}
      {col(
        <Form.Item name="floating" label={L.floating} valuePropName="checked">
          <Switch disabled={!member} checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>,
      )}
      {col(
        <Form.Item
          name="exempt"
          label={L.exempt}
          valuePropName="checked"
          extra="年老体弱或重病，可不参加组织生活"
        >
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>,
      )}
      {lostContact &&
        col(
          <Form.Item
            name="lostContactOn"
            label={L.lostContactOn}
            rules={[{ required: true, message: '请填写失去联系日期' }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>,
        )}
      {floating &&
        col(
          <Form.Item
            name="floatingTo"
            label={L.floatingTo}
            rules={[{ required: true, message: '请填写外出流向' }, { max: 100 }]}
          >
            <Input placeholder="省、市、县" />
          </Form.Item>,
        )}
      {col(
        <Form.Item name="remarks" label={L.remarks} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>,
        true,
      )}
    </>
  );
}
