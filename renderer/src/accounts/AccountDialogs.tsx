import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/StationContext';
import { useAccounts } from './AccountsContext';
import { NewSecretFields } from './NewSecretFields';
import { useFormDialog } from './useFormDialog';

/** Đặt mã PIN: the password proves it is the owner; the PIN is for the quick switch and the lock. */
export function SetPinDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const { accountChanged } = useAccounts();
  const { form, busy, submit } = useFormDialog<{ password: string; pin: string; repeat: string }>(onClose);

  const save = (v: { password: string; pin: string }) =>
    submit(
      async () => accountChanged(await client.call('accounts.setPin', { password: v.password, pin: v.pin })),
      { success: t('accounts.pinSaved') },
    );

  return (
    <Modal
      open={open}
      title={t('accounts.menuPin')}
      okText={t('accounts.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'pin-save' }}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('accounts.pinHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item
          name="password"
          label={t('accounts.password')}
          rules={[{ required: true, message: t('accounts.passwordRequired') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" data-testid="pin-password" />
        </Form.Item>
        <NewSecretFields
          name="pin"
          label={t('accounts.newPin')}
          pin
          testId="pin-new"
          repeatTestId="pin-repeat"
        />
      </Form>
    </Modal>
  );
}

/** Đổi mật khẩu: the current one, then the new one twice. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const { accountChanged } = useAccounts();
  const { form, busy, submit } = useFormDialog<{ current: string; next: string; repeat: string }>(onClose);

  const save = (v: { current: string; next: string }) =>
    submit(
      async () =>
        accountChanged(await client.call('accounts.changePassword', { current: v.current, next: v.next })),
      { success: t('accounts.passwordSaved') },
    );

  return (
    <Modal
      open={open}
      title={t('accounts.menuPassword')}
      okText={t('accounts.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item
          name="current"
          label={t('accounts.currentPassword')}
          rules={[{ required: true, message: t('accounts.passwordRequired') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <NewSecretFields name="next" label={t('accounts.newPassword')} />
      </Form>
    </Modal>
  );
}
