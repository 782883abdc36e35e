import { Alert, Button, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanDevice } from '../../../shared/api/rooms/scan';
import { useErrorText, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** Step 4: the scanners this computer sees, and a network scanner tested by its address. */
export function ScannerStep({ urls, onUrls }: { urls: string[]; onUrls: (urls: string[]) => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const devices = useQuery('scan.devices', { esclUrls: urls });
  const [address, setAddress] = useState('');
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = /^https?:\/\/[^\s/]+/.test(address.trim());

  const tryAddress = async () => {
    const url = address.trim();
    setBusy(true);
    setTest(null);
    try {
      const found = (await client.call('scan.devices', { esclUrls: [url] })).find(
        (d: ScanDevice) => d.driver === 'escl' && d.id.includes(new URL(url).host),
      );
      setTest(
        found
          ? { ok: true, text: t('setup.found', { name: found.name }) }
          : { ok: false, text: t('setup.notFound') },
      );
      if (found) onUrls([...new Set([...urls, url])]);
    } catch (err) {
      setTest({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="setup-scanner">
      <Typography.Text type="secondary">{t('setup.scannerHint')}</Typography.Text>
      <List
        size="small"
        bordered
        loading={!devices.data && !devices.error}
        header={
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('setup.devices')}</Typography.Text>
            <Button size="small" onClick={devices.reload}>
              {t('setup.lookAgain')}
            </Button>
          </Flex>
        }
        dataSource={devices.data ?? []}
        locale={{ emptyText: devices.error ? errorText(devices.error) : t('setup.noDevices') }}
        renderItem={(d) => (
          <List.Item data-testid="setup-device">
            {d.name}{' '}
            {urls.some((u) => d.id.includes(new URL(u).host)) && (
              <Tag color="blue">{t('setup.networkAddress')}</Tag>
            )}
          </List.Item>
        )}
        style={{ maxHeight: 170, overflow: 'auto' }}
      />
      <Typography.Text strong>{t('setup.networkAddress')}</Typography.Text>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={address}
          placeholder="http://192.168.1.20/eSCL"
          onChange={(e) => setAddress(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            if (valid) void tryAddress();
          }}
          aria-label={t('setup.networkAddress')}
          data-testid="setup-escl"
        />
        <Button
          onClick={() => void tryAddress()}
          disabled={!valid}
          loading={busy}
          data-testid="setup-escl-test"
        >
          {t('setup.test')}
        </Button>
      </Space.Compact>
      {test && (
        <Alert
          type={test.ok ? 'success' : 'warning'}
          showIcon
          title={test.text}
          data-testid="setup-escl-result"
        />
      )}
    </Flex>
  );
}
