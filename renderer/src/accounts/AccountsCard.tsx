import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountRole } from '../../../shared/api/rooms/accounts';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatDateTime } from '../util/format';
import { AddAccountDialog, ResetPasswordDialog } from './AccountsCardDialogs';
import { useAccounts } from './AccountsContext';
import { ErrorNotice } from '../util/ErrorNotice';

const ROLES: AccountRole[] = ['clerk', 'supervisor', 'admin'];

/** Tài khoản (administrator): who works at this station, with which role; add, change, reset, disable. */
export function AccountsCard() {
  const { t } = useTranslation();
  const { client } = useStation();
  const { session } = useAccounts();
  const attempt = useAttempt();
  const list = useQuery('accounts.list', {});
  const settings = useQuery('settings.get', {});
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [idle, setIdle] = useState<number | null>(null);
  useEffect(() => {
    if (settings.data) setIdle(settings.data.idleLockMinutes);
  }, [settings.data]);

  const update = (username: string, change: { role?: AccountRole; disabled?: boolean }, done: string) =>
    attempt(
      async () => {
        await client.call('accounts.update', { username, ...change });
        list.reload();
      },
      { success: done },
    );

  const saveIdle = () =>
    attempt(
      async () => settings.setData(await client.call('settings.update', { idleLockMinutes: idle ?? 0 })),
      {
        success: t('accounts.idleSaved'),
      },
    );

  return (
    <Card
      title={t('accounts.cardTitle')}
      data-testid="accounts-card"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          data-testid="account-add"
        >
          {t('accounts.add')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        {list.error && <ErrorNotice error={list.error} style={{}} />}
        <Table<Account>
          size="small"
          rowKey="username"
          pagination={false}
          loading={list.loading && !list.data}
          dataSource={list.data ?? []}
          onRow={(a) => ({ 'data-testid': `account-${a.username}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('accounts.fullName'), dataIndex: 'name' },
            { title: t('accounts.username'), dataIndex: 'username' },
            {
              title: t('accounts.role'),
              render: (_v, a) => (
                <Select<AccountRole>
                  size="small"
                  value={a.role}
                  style={{ width: 170 }}
                  data-testid={`role-${a.username}`}
                  aria-label={`${t('accounts.role')}: ${a.name}`}
                  options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
                  onChange={(role) =>
                    void update(a.username, { role }, t('accounts.roleSaved', { name: a.name }))
                  }
                />
              ),
            },
            {
              title: t('accounts.pinColumn'),
              render: (_v, a) =>
                a.hasPin ? (
                  <Tag color="green">{t('accounts.pinSet')}</Tag>
                ) : (
                  <Tag>{t('accounts.pinNotSet')}</Tag>
                ),
            },
            {
              title: t('accounts.lastSignIn'),
              render: (_v, a) => (a.lastSignInAt ? formatDateTime(a.lastSignInAt) : t('accounts.never')),
            },
            {
              title: t('accounts.state'),
              render: (_v, a) =>
                a.disabled ? (
                  <Tag color="red">{t('accounts.disabled')}</Tag>
                ) : (
                  <Tag color="blue">{t('accounts.active')}</Tag>
                ),
            },
            {
              title: '',
              render: (_v, a) => (
                <Flex gap={4} wrap>
                  <Button size="small" onClick={() => setResetting(a)} data-testid={`reset-${a.username}`}>
                    {t('accounts.resetPassword')}
                  </Button>
                  {a.username !== session?.account.username && (
                    <Button
                      size="small"
                      danger={!a.disabled}
                      data-testid={`toggle-${a.username}`}
                      onClick={() =>
                        void update(
                          a.username,
                          { disabled: !a.disabled },
                          t(a.disabled ? 'accounts.enabledDone' : 'accounts.disabledDone', { name: a.name }),
                        )
                      }
                    >
                      {t(a.disabled ? 'accounts.enable' : 'accounts.disable')}
                    </Button>
                  )}
                </Flex>
              ),
            },
          ]}
        />
        <Flex align="center" gap={8} wrap>
          <Typography.Text>{t('accounts.idleLock')}</Typography.Text>
          <InputNumber
            min={0}
            max={240}
            value={idle}
            onChange={(v) => setIdle(v)}
            aria-label={t('accounts.idleLock')}
            data-testid="idle-lock-minutes"
            style={{ width: 90 }}
          />
          <Typography.Text type="secondary">{t('accounts.idleLockHint')}</Typography.Text>
          <Button onClick={() => void saveIdle()} disabled={idle === null} data-testid="idle-lock-save">
            {t('accounts.save')}
          </Button>
        </Flex>
      </Flex>
      <AddAccountDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          list.reload();
        }}
      />
      <ResetPasswordDialog account={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
