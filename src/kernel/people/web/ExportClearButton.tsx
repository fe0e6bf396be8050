import { UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { download, showFormError } from '../../../web/api';

/**
 * The roster with clear ID numbers, phones and addresses: a permission of its own (the security policy
 * says which level), a reason, and every person exported named in the audit log.
 */
export function ExportClearButton({
  filters,
}: {
  filters: { orgId?: string; partyStatus: string[]; q?: string };
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const run = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await download('/people/export-clear', undefined, '人员名册（明文）.xlsx', {
        method: 'POST',
        body: {
          orgId: filters.orgId,
          partyStatus: filters.partyStatus.length ? filters.partyStatus.join(',') : undefined,
          q: filters.q,
          reason: reason.trim(),
        },
      });
      message.success('名册已导出（含明文），请妥善保管，用后删除');
      setOpen(false);
      form.resetFields();
    } catch (e) {
      showFormError(form, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<UnlockOutlined />} onClick={() => setOpen(true)}>
        导出明文
      </Button>
      <Modal
        open={open}
        title="导出明文名册"
        okText="导出"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="导出的文件含身份证号、手机号和住址明文。导出原因和导出的每个人都将记入审计日志。"
        />
        <Form form={form} layout="vertical" onFinish={run}>
          <Form.Item
            name="reason"
            label="导出原因"
            rules={[
              { required: true, message: '请填写导出原因' },
              { max: 200, message: '不能超过 200 个字符' },
            ]}
          >
            <Input.TextArea rows={2} placeholder="例如：全国党员管理信息系统年度数据核对" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
