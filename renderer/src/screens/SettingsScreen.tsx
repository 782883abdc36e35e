import { Card, Descriptions, Flex, Radio, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/i18n';
import { useEvent, useLang, useQuery } from '../api/hooks';
import { setLang } from '../i18n/setup';
import { DvcqgSettings } from '../portal/DvcqgSettings';
import { PortalSettings } from '../portal/PortalSettings';
import { LateSettings } from '../reception/LateSettings';
import { FormTextsCard } from '../reception/FormTextsCard';
import { ReceptionSettings } from '../reception/ReceptionSettings';
import { AuditCheckCard } from '../audit/AuditCheckCard';
import { ActivityLogCard } from '../audit/ActivityLogCard';
import { AccountsCard } from '../accounts/AccountsCard';
import { useAccounts, useMayCall, useMaySet } from '../accounts/AccountsContext';
import { PrivacyCard } from '../privacy/PrivacyCard';
import { UpdateSettings } from '../settings/UpdateSettings';
import { SupportLogCard } from '../log/SupportLogCard';
import { BankTransferSettings } from '../payment/BankTransferSettings';
import { AgencySettings } from '../post/AgencySettings';
import { ScanSettingsCard } from '../scan/ScanSettingsCard';
import { ErrorNotice } from '../util/ErrorNotice';

export function SettingsScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const info = useQuery('app.info', {});
  useEvent('settings.changed', () => info.reload());
  const { session } = useAccounts();
  const mayCall = useMayCall();
  const maySet = useMaySet();

  return (
    <Flex vertical gap={24}>
      <Card title={t('settings.title')}>
        <Flex align="center" gap={16} wrap>
          <Typography.Text strong>{t('settings.language')}</Typography.Text>
          <Radio.Group
            data-testid="language"
            optionType="button"
            buttonStyle="solid"
            value={lang}
            onChange={(e) => setLang(e.target.value as Lang)}
            options={[
              { value: 'vi', label: t('settings.vi') },
              { value: 'en', label: t('settings.en') },
            ]}
          />
        </Flex>
      </Card>
      {session && mayCall('accounts.list') && <AccountsCard />}
      {maySet('portalUrl') && <PortalSettings />}
      {maySet('portalDialect') && <DvcqgSettings />}
      {maySet('officeHours') && <ReceptionSettings />}
      {maySet('esclUrls') && <ScanSettingsCard />}
      {maySet('updateUrl') && <UpdateSettings />}
      {maySet('bankBin') && <BankTransferSettings />}
      {maySet('stationKind') && <AgencySettings />}
      {maySet('dueSoonWorkingHours') && <LateSettings />}
      {maySet('formTexts') && <FormTextsCard />}
      {mayCall('audit.verify') && <AuditCheckCard />}
      {mayCall('audit.search') && <ActivityLogCard />}
      {mayCall('privacy.plan') && <PrivacyCard />}
      {mayCall('log.exportSupport') && <SupportLogCard />}
      <Card title={t('settings.about')}>
        {info.error && <ErrorNotice error={info.error} style={{}} />}
        {!info.data && !info.error && <Spin />}
        {info.data && (
          <Descriptions column={1} bordered size="small" data-testid="app-info">
            <Descriptions.Item label={t('settings.version')}>{info.data.version}</Descriptions.Item>
            <Descriptions.Item label={t('settings.dataDir')}>
              <Typography.Text code copyable>
                {info.data.dataDir}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.trainingMode')}>
              {info.data.trainingMode ? (
                <Tag color="orange">{t('settings.on')}</Tag>
              ) : (
                <Tag>{t('settings.off')}</Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </Flex>
  );
}
