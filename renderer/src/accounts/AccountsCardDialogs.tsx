import { Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, AccountRole } from '../../../shared/api/rooms/accounts';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import { useStation } from '../api/StationContext';
import { NewSecretFields } from './NewSecretFields';
import { useAccountRules } from './rules';
import { useFormDialog } from './useFormDialog';

interface NewFields {
  username: string;
  name: string;
  role: AccountRole;
  password: string;
  repeat: string;
}

/** Thêm tài khoản: the administrator gives a first password; the person changes it after. */
export function AddAccountDialog({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const rules = useAccountRules();
  const { form, busy, submit } = useFormDialog<NewFields>(onAdded);

  const add = (v: NewFields) =>
    submit(
      () =>
        client.call('accounts.add', {
          username: v.username.trim(),
          name: v.name.trim(),
          role: v.role,
          password: v.password,
        }),
      { success: (a) => t('accounts.added', { name: a.name }) },
    );

  return (
    <Modal
      open={open}
      title={t('accounts.add')}
      okText={t('accounts.add')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'account-add-ok' }}
      forceRender
    >
      <Form<NewFields>
        form={form}
        layout="vertical"
        initialValues={{ role: 'clerk' }}
        onFinish={(v) => void add(v)}
        requiredMark={false}
      >
        <Form.Item name="name" label={t('accounts.fullName')} rules={rules.name}>
          <Input data-testid="new-name" />
        </Form.Item>
        <Form.Item name="username" label={t('accounts.username')} rules={rules.username}>
          <Input autoComplete="off" data-testid="new-username" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')}>
          <Select<AccountRole>
            data-testid="new-role"
            options={(['clerk', 'supervisor', 'admin'] as const).map((r) => ({
              value: r,
              label: ROLE_LABEL[r],
            }))}
          />
        </Form.Item>
        <NewSecretFields
          name="password"
          label={t('accounts.firstPassword')}
          testId="new-password"
          repeatTestId="new-repeat"
        />
      </Form>
    </Modal>
  );
}

/** Đặt lại mật khẩu: for someone who forgot theirs; their open sessions end. */
export function ResetPasswordDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const { form, busy, submit } = useFormDialog<{ password: string; repeat: string }>(onClose);

  const reset = async (v: { password: string }) => {
    if (!account) return;
    await submit(() => client.call('accounts.update', { username: account.username, password: v.password }), {
      success: t('accounts.resetDone', { name: account.name }),
    });
  };

  return (
    <Modal
      open={account !== null}
      title={t('accounts.resetTitle', { name: account?.name ?? '' })}
      okText={t('accounts.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('accounts.resetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void reset(v)} requiredMark={false}>
        <NewSecretFields name="password" label={t('accounts.newPassword')} />
      </Form>
    </Modal>
  );
}
