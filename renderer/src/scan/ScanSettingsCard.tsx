import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScanSettingsButton } from './ScanSettingsButton';

/** Cài đặt's card for the scanner: network scanners (eSCL) by address and the scan folder. */
export function ScanSettingsCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('scan.settings')} data-testid="scan-settings-card">
      <Flex vertical gap={8} align="start">
        <Typography.Text type="secondary">{t('scan.settingsCardHint')}</Typography.Text>
        <ScanSettingsButton withLabel onSaved={() => undefined} />
      </Flex>
    </Card>
  );
}
