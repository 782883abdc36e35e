import { ExperimentOutlined, ScanOutlined } from '@ant-design/icons';
import { Layout, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../accounts/AccountMenu';
import { PortalIndicator } from '../outbox/OutboxScreen';
import { CitizenControl } from '../citizen/CitizenControl';
import { OnDutyControl } from './OnDutyControl';

export function StationHeader({ trainingMode }: { trainingMode: boolean }) {
  const { t } = useTranslation();
  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#0b3d73', paddingInline: 24 }}
    >
      <ScanOutlined style={{ color: '#fff', fontSize: 22 }} />
      <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
        {t('app.name')}
      </Typography.Title>
      {trainingMode && (
        <Tooltip title={t('app.trainingModeHint')}>
          <Tag color="orange" icon={<ExperimentOutlined />} data-testid="training-mode">
            {t('app.trainingMode')}
          </Tag>
        </Tooltip>
      )}
      <span style={{ marginInlineStart: 'auto' }}>
        <PortalIndicator />
      </span>
      <CitizenControl />
      <OnDutyControl />
      <AccountMenu />
    </Layout.Header>
  );
}
