import { DownOutlined, IdcardOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Dropdown, Input, type MenuProps, Modal, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../accounts/AccountsContext';
import { useAttempt, useEvent, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

type Dialog = { kind: 'pin'; username: string; name: string } | { kind: 'name' } | null;

/**
 * Cán bộ trực — the clerk on duty, in the header: whose name each dossier received is recorded
 * under. Signed in, the menu lists who may take over by PIN today (accounts.quickSwitch) and the
 * full sign-in; on a station without accounts it is the `officerName` setting.
 */
export function OnDutyControl() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const { session, switchShift, switchedTo } = useAccounts();
  const status = useQuery('accounts.status', session ? {} : null);
  const settings = useQuery('settings.get', session ? null : {});
  useEvent('settings.changed', () => settings.reload());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [value, setValue] = useState('');

  const name = session ? session.account.name : settings.data?.officerName || t('setup.onDutyNone');
  const others = (status.data?.quickSwitch ?? []).filter((q) => q.username !== session?.account.username);
  const items: MenuProps['items'] = [
    ...others.map((q) => ({ key: `pin:${q.username}`, icon: <SwapOutlined />, label: q.name })),
    ...(others.length ? [{ type: 'divider' as const }] : []),
    {
      key: 'signIn',
      icon: <SwapOutlined />,
      label: t('setup.onDutySwitch'),
      'data-testid': 'on-duty-sign-in',
    },
  ];
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'signIn') return switchShift();
    const q = others.find((o) => `pin:${o.username}` === key);
    if (q) setDialog({ kind: 'pin', username: q.username, name: q.name });
  };
  const open = () => {
    setValue(session ? '' : (settings.data?.officerName ?? ''));
    if (!session) setDialog({ kind: 'name' });
  };
  const confirm = () =>
    attempt(async () => {
      if (dialog?.kind === 'pin')
        switchedTo(await client.call('accounts.quickSwitch', { username: dialog.username, pin: value }));
      else await client.call('settings.update', { officerName: value.trim() });
      setDialog(null);
      setValue('');
    });

  const button = (
    <Button ghost icon={<IdcardOutlined />} onClick={open} data-testid="on-duty">
      {t('setup.onDuty')}: <strong data-testid="on-duty-name">{name}</strong>
      {session && <DownOutlined />}
    </Button>
  );
  return (
    <>
      <Tooltip title={t('setup.onDutyHint')} placement="bottom">
        {session ? (
          <Dropdown
            menu={{ items, onClick: onMenu }}
            trigger={['click']}
            onOpenChange={(o) => o && status.reload()}
          >
            {button}
          </Dropdown>
        ) : (
          button
        )}
      </Tooltip>
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'pin' ? `${t('setup.onDutySwitch')}: ${dialog.name}` : t('setup.onDuty')}
        onCancel={() => setDialog(null)}
        onOk={() => void confirm()}
        okButtonProps={{ disabled: !value.trim(), id: 'on-duty-ok' }}
        destroyOnHidden
      >
        {dialog?.kind === 'pin' ? (
          <Input.Password
            autoFocus
            inputMode="numeric"
            maxLength={8}
            placeholder={t('accounts.pin')}
            aria-label={t('accounts.pin')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={() => void confirm()}
            data-testid="on-duty-pin"
          />
        ) : (
          <Input
            autoFocus
            maxLength={120}
            aria-label={t('setup.onDuty')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={() => void confirm()}
            data-testid="on-duty-input"
          />
        )}
      </Modal>
    </>
  );
}
