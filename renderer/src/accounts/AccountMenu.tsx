import {
  DownOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  NumberOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import { ChangePasswordDialog, SetPinDialog } from './AccountDialogs';
import { useAccounts } from './AccountsContext';

/** The signed-in person in the header, and what they do with their own account. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { session, lock, switchShift, signOut } = useAccounts();
  const [dialog, setDialog] = useState<'pin' | 'password' | null>(null);
  if (!session) return null;

  const items: MenuProps['items'] = [
    { key: 'switch', icon: <SwapOutlined />, label: t('accounts.menuSwitch'), 'data-testid': 'menu-switch' },
    {
      key: 'lock',
      icon: <LockOutlined />,
      label: t('accounts.menuLock'),
      extra: 'Ctrl+L',
      'data-testid': 'menu-lock',
    },
    { type: 'divider' },
    { key: 'pin', icon: <NumberOutlined />, label: t('accounts.menuPin'), 'data-testid': 'menu-pin' },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: t('accounts.menuPassword'),
      'data-testid': 'menu-password',
    },
    { type: 'divider' },
    {
      key: 'signOut',
      icon: <LogoutOutlined />,
      label: t('accounts.menuSignOut'),
      'data-testid': 'menu-sign-out',
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'switch') switchShift();
    else if (key === 'lock') lock();
    else if (key === 'pin' || key === 'password') setDialog(key);
    else if (key === 'signOut') signOut();
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']}>
        <Button ghost icon={<UserOutlined />} data-testid="account-menu">
          <span data-testid="account-name">{session.account.name}</span>
          <span style={{ opacity: 0.8 }} data-testid="account-role">
            · {ROLE_LABEL[session.account.role]}
          </span>
          <DownOutlined />
        </Button>
      </Dropdown>
      <SetPinDialog open={dialog === 'pin'} onClose={() => setDialog(null)} />
      <ChangePasswordDialog open={dialog === 'password'} onClose={() => setDialog(null)} />
    </>
  );
}
