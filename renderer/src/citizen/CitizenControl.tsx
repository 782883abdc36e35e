import { DesktopOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttempt, useEvent, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { bridge } from '../api/transport';
import { formatDateTime } from '../util/format';

/**
 * The clerk's view of the citizen screen (header): whether one is connected, whether it shows a
 * dossier, and in web mode the pairing code a `/citizen` page needs (single use, 5 minutes).
 */
export function CitizenControl() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const status = useQuery('citizen.status', {});
  useEvent('citizen.status', (s) => status.setData(s));
  const [pairing, setPairing] = useState<{ code: string; expiresAt: string } | null>(null);
  const connected = status.data?.connected ?? 0;
  const web = !bridge();

  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 360 }} data-testid="citizen-control">
      <Typography.Text strong data-testid="citizen-connected" data-count={connected}>
        {connected > 0 ? t('citizenControl.connected', { count: connected }) : t('citizenControl.none')}
      </Typography.Text>
      <Typography.Text type="secondary">
        {status.data?.showing ? t('citizenControl.showing') : t('citizenControl.idle')}
      </Typography.Text>
      {web ? (
        <>
          <Button
            data-testid="citizen-pair-new"
            onClick={() => void attempt(async () => setPairing(await client.call('citizen.pairingCode', {})))}
          >
            {t('citizenControl.pairCode')}
          </Button>
          {pairing && (
            <>
              <Typography.Text
                style={{ fontSize: 32, fontFamily: 'monospace', letterSpacing: 6 }}
                data-testid="citizen-pairing-code"
              >
                {pairing.code}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('citizenControl.expires', { time: formatDateTime(pairing.expiresAt) })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('citizenControl.pairHint', { url: `${location.origin}/citizen` })}
              </Typography.Text>
            </>
          )}
        </>
      ) : (
        <Typography.Text type="secondary">{t('citizenControl.electronHint')}</Typography.Text>
      )}
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Badge count={connected} size="small" color="#52c41a" offset={[-4, 4]}>
        <Button icon={<DesktopOutlined />} data-testid="citizen-control-button">
          {t('citizenControl.button')}
        </Button>
      </Badge>
    </Popover>
  );
}
