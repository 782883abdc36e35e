import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText, useEvent, useQuery } from '../api/hooks';
import { StatusTag } from '../screens/StatusTag';
import { DossierPortalTag } from '../portal/DossierPortalTag';
import { formatDateTime } from '../util/format';
import { navigate } from '../util/route';
import { ReceptionPanel } from '../reception/ReceptionPanel';
import { CorrectionPanel } from '../reception/CorrectionPanel';
import { DossierEnding } from '../reception/DossierEnding';
import { ImagingPanel } from '../imaging/ImagingPanel';
import { SignPanel } from '../sign/SignPanel';
import { AuditCard } from '../audit/AuditCard';
import { ComponentCard } from './ComponentCard';
import { useCitizenFollow } from '../citizen/useCitizenFollow';
import type { Dossier } from '../../../shared/api';

/** The citizen screen's switch for this dossier (it follows a dossier received here). */
function CitizenFollow({ dossier }: { dossier: Dossier }) {
  return useCitizenFollow(dossier).toggle;
}

/** One dossier: its procedure, applicant, and a card per component to scan into. */
export function DossierWorkspace({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const query = useQuery('dossier.get', { dossierId });
  const progress = useQuery('imaging.progress', { dossierId });
  useEvent('dossier.changed', (e) => {
    if (e.dossierId !== dossierId) return;
    query.reload();
    progress.reload();
  });
  useEvent('imaging.progress', (p) => {
    if (p.dossierId === dossierId) progress.setData(p);
  });
  const dossier = query.data?.id === dossierId ? query.data : undefined;
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ place: 'dossiers' })}>
      {t('workspace.backToList')}
    </Button>
  );

  if (!dossier) {
    return (
      <Card>
        {query.error ? (
          <Flex vertical gap={16} align="start">
            <Alert
              type="error"
              showIcon
              title={t('workspace.notFound')}
              description={errorText(query.error)}
            />
            <Flex gap={8}>
              {back}
              <Button onClick={query.reload}>{t('common.retry')}</Button>
            </Flex>
          </Flex>
        ) : (
          <Skeleton active />
        )}
      </Card>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="dossier-workspace" data-dossier-id={dossier.id}>
      <Card>
        <Flex justify="space-between" align="start" gap={16} wrap>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="dossier-title">
              {dossier.procedureName}
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
              <Descriptions.Item label={t('workspace.applicant')}>
                <Typography.Text strong data-testid="dossier-applicant">
                  {dossier.applicantName}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('workspace.status')}>
                <StatusTag status={dossier.status} /> <DossierPortalTag dossierId={dossier.id} />
              </Descriptions.Item>
              <Descriptions.Item label={t('workspace.procedureCode')}>
                {dossier.procedureCode}
              </Descriptions.Item>
              <Descriptions.Item label={t('workspace.createdAt')}>
                {formatDateTime(dossier.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('workspace.totalPages')}>{dossier.pageCount}</Descriptions.Item>
            </Descriptions>
          </div>
          <Flex gap={8} wrap>
            <CitizenFollow dossier={dossier} />
            {back}
          </Flex>
        </Flex>
      </Card>
      <ReceptionPanel dossier={dossier} onDossier={query.setData} />
      <CorrectionPanel dossier={dossier} onDossier={query.setData} />
      <DossierEnding dossier={dossier} onDossier={query.setData} />
      {dossier.components.map((component) => (
        <ComponentCard
          key={component.code}
          dossierId={dossier.id}
          component={component}
          procedureCode={dossier.procedureCode}
          firstComponent={component === dossier.components[0]}
          onDossier={query.setData}
          progress={progress.data}
          locked={dossier.status === 'received' && !dossier.correction}
          otherComponents={dossier.components
            .filter((c) => c.code !== component.code)
            .map((c) => ({ code: c.code, name: c.name }))}
        />
      ))}
      <ImagingPanel dossier={dossier} />
      <SignPanel dossier={dossier} />
      <AuditCard dossierId={dossier.id} />
    </Flex>
  );
}
