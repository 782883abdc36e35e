import { LoginOutlined, ScanOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/api/rooms/accounts';
import { useErrorText, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

interface Credentials {
  username: string;
  password: string;
}

/** Đăng nhập: username and password, and beside them the quick switch by PIN for whoever signed in today. */
export function SignInScreen({
  onDone,
  resumed = false,
}: {
  onDone: (s: Session) => void;
  resumed?: boolean;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const status = useQuery('accounts.status', {});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<{ username: string; name: string } | null>(null);
  const [pin, setPin] = useState('');
  const quick = status.data?.quickSwitch ?? [];

  const run = async (fn: () => Promise<Session>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await fn());
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const signIn = (v: Credentials) =>
    run(() => client.call('accounts.signIn', { username: v.username.trim(), password: v.password }));
  const quickSwitch = () => {
    if (!picked || !/^\d{4,8}$/.test(pin)) return setError(t('accounts.pinFormat'));
    void run(() => client.call('accounts.quickSwitch', { username: picked.username, pin }));
  };

  return (
    <Card style={{ width: quick.length ? 820 : 440, maxWidth: '100%' }} data-testid="sign-in">
      <Flex align="center" gap={10} style={{ marginBottom: 16 }}>
        <ScanOutlined style={{ fontSize: 26, color: '#0b5cad' }} />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
      </Flex>
      {resumed && (
        <Alert type="info" showIcon title={t('accounts.resumeHint')} style={{ marginBottom: 16 }} />
      )}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />
      )}
      <Row gutter={32}>
        <Col xs={24} md={quick.length ? 13 : 24}>
          <Typography.Title level={4}>{t('accounts.signInTitle')}</Typography.Title>
          <Form<Credentials> layout="vertical" onFinish={(v) => void signIn(v)} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('accounts.username')}
              rules={[{ required: true, message: t('accounts.usernameRequired') }]}
            >
              <Input
                autoFocus
                size="large"
                prefix={<UserOutlined />}
                autoComplete="username"
                data-testid="sign-in-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('accounts.password')}
              rules={[{ required: true, message: t('accounts.passwordRequired') }]}
            >
              <Input.Password size="large" autoComplete="current-password" data-testid="sign-in-password" />
            </Form.Item>
            <Button
              type="primary"
              size="large"
              htmlType="submit"
              block
              icon={<LoginOutlined />}
              loading={busy && !picked}
              data-testid="sign-in-submit"
            >
              {t('accounts.signIn')}
            </Button>
          </Form>
        </Col>
        {quick.length > 0 && (
          <Col xs={24} md={11}>
            <Typography.Title level={4}>
              <SwapOutlined /> {t('accounts.quickSwitch')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('accounts.quickSwitchHint')}</Typography.Paragraph>
            <Flex vertical gap={8} data-testid="quick-switch">
              {quick.map((q) =>
                picked?.username === q.username ? (
                  <Flex key={q.username} vertical gap={8} data-testid={`quick-${q.username}`}>
                    <Typography.Text strong>{q.name}</Typography.Text>
                    <Input.Password
                      autoFocus
                      size="large"
                      inputMode="numeric"
                      maxLength={8}
                      placeholder={t('accounts.pin')}
                      value={pin}
                      data-testid="quick-pin"
                      onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                      onPressEnter={quickSwitch}
                    />
                    <Flex gap={8}>
                      <Button type="primary" loading={busy} onClick={quickSwitch} data-testid="quick-pin-ok">
                        {t('accounts.quickSwitchOk')}
                      </Button>
                      <Button onClick={() => setPicked(null)}>{t('common.cancel')}</Button>
                    </Flex>
                  </Flex>
                ) : (
                  <Button
                    key={q.username}
                    size="large"
                    icon={<UserOutlined />}
                    style={{ justifyContent: 'flex-start' }}
                    data-testid={`quick-${q.username}`}
                    onClick={() => {
                      setPicked(q);
                      setPin('');
                      setError(null);
                    }}
                  >
                    {q.name}
                  </Button>
                ),
              )}
            </Flex>
          </Col>
        )}
      </Row>
    </Card>
  );
}
