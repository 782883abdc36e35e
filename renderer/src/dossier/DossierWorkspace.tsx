import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText, useEvent, useQuery, useThrottled } from '../api/hooks';
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
import { ComponentPicker } from './ComponentPicker';
import { setActiveComponent } from '../scan/store';
import { useCitizenFollow } from '../citizen/useCitizenFollow';
import type { Dossier } from '../../../shared/api';
import type { ImagingProgress } from '../../../shared/api/rooms/imaging';
import { DossierSteps, firstNotDone, STEP_KEYS, useStepInfos } from './DossierSteps';

/** The citizen screen's switch for this dossier (it follows a dossier received here). */
function CitizenFollow({ dossier }: { dossier: Dossier }) {
  return useCitizenFollow(dossier).toggle;
}

/**
 * One dossier, as the steps the clerk walks: Thành phần (scan/import per component) → Kiểm tra
 * (pages) → Ký số → Tiếp nhận → Giấy tiếp nhận & gửi.
 */
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

  return <StepsWorkspace dossier={dossier} onDossier={query.setData} progress={progress.data} back={back} />;
}

/** The dossier's compact header, its steps bar, and the current step's panel. */
function StepsWorkspace({
  dossier,
  onDossier,
  progress,
  back,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
  progress: ImagingProgress | undefined;
  back: React.ReactNode;
}) {
  const { t } = useTranslation();
  const overview = useQuery('outbox.overview', {});
  const reloadOutbox = useThrottled(overview.reload, 1000);
  useEvent('outbox.changed', reloadOutbox);
  const portalState =
    overview.data?.items.find((i) => i.dossierId === dossier.id && i.kind === 'submit')?.state ?? null;
  const infos = useStepInfos(dossier, progress, portalState);
  const correcting = !!dossier.correction;
  const [chosen, setChosen] = useState<number | null>(null);
  const opening = firstNotDone(infos, correcting);
  // The step is picked once the pages' progress is known, then stays where the clerk is (a
  // step getting done does not move the screen under their hands)...
  useEffect(() => {
    if (chosen === null && progress) setChosen(opening);
  }, [chosen, progress, opening]);
  // ...except when the dossier is received, or a correction opens or finishes.
  useEffect(() => setChosen(null), [dossier.status, correcting]);
  const current = chosen ?? opening;
  // One component's card at a time (the picker says where every one stands); F8 scans into it.
  const firstCode = dossier.components[0]?.code ?? '';
  const [pickedCode, setPickedCode] = useState(firstCode);
  const picked = dossier.components.some((c) => c.code === pickedCode) ? pickedCode : firstCode;
  useEffect(() => {
    if (firstCode) setActiveComponent(firstCode);
  }, [dossier.id, firstCode]);
  const pick = (code: string) => {
    setPickedCode(code);
    setActiveComponent(code);
  };
  const draft = dossier.status === 'draft';
  const locked = dossier.status === 'received' && !dossier.correction;

  const next = (i: number) =>
    i < STEP_KEYS.length - 1 ? (
      <Button
        type={infos[i]?.state === 'done' ? 'primary' : 'default'}
        icon={<ArrowRightOutlined />}
        iconPlacement="end"
        onClick={() => {
          setChosen(i + 1);
          window.scrollTo({ top: 0 });
        }}
        data-testid={`step-next-${STEP_KEYS[i]}`}
      >
        {t('steps.next', { step: t(`steps.${STEP_KEYS[i + 1]!}`) })}
      </Button>
    ) : null;
  /** Every step stays mounted (nothing typed is lost, Ctrl+Enter receives from any step); only the current one shows. */
  const pane = (i: number, children: React.ReactNode, bottomNext = true) => (
    <div
      key={STEP_KEYS[i]}
      data-testid={`step-panel-${STEP_KEYS[i]}`}
      hidden={current !== i}
      role="region"
      aria-label={t(`steps.${STEP_KEYS[i]!}`)}
    >
      <Flex vertical gap={12}>
        {children}
        {bottomNext && <Flex justify="end">{next(i)}</Flex>}
      </Flex>
    </div>
  );
  const reception = <ReceptionPanel dossier={dossier} onDossier={onDossier} />;

  return (
    <Flex vertical gap={12} data-testid="dossier-workspace" data-dossier-id={dossier.id}>
      <Card size="small" styles={{ body: { padding: '8px 16px' } }}>
        <Flex justify="space-between" align="center" gap={12}>
          <Flex vertical style={{ minWidth: 0, flex: 1 }}>
            <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
              <Typography.Text strong data-testid="header-code" style={{ whiteSpace: 'nowrap' }}>
                {dossier.code ?? t('steps.noCode')}
              </Typography.Text>
              <Typography.Text>·</Typography.Text>
              <Typography.Text strong data-testid="dossier-applicant" style={{ whiteSpace: 'nowrap' }}>
                {dossier.applicantName}
              </Typography.Text>
              <Typography.Text>·</Typography.Text>
              <Typography.Text
                ellipsis={{ tooltip: dossier.procedureName }}
                data-testid="dossier-title"
                style={{ minWidth: 0 }}
              >
                {dossier.procedureName}
              </Typography.Text>
            </Flex>
            <Flex gap={8} align="center" wrap>
              <StatusTag status={dossier.status} />
              <DossierPortalTag dossierId={dossier.id} />
              <Typography.Text type="secondary">
                {t('workspace.procedureCode')} {dossier.procedureCode} ·{' '}
                {t('steps.pages', { count: dossier.pageCount })} ·{' '}
                {t('steps.created', { time: formatDateTime(dossier.createdAt) })}
              </Typography.Text>
            </Flex>
          </Flex>
          <Flex gap={8}>
            <CitizenFollow dossier={dossier} />
            {back}
          </Flex>
        </Flex>
      </Card>
      <Card size="small" styles={{ body: { padding: '4px 8px' } }}>
        <DossierSteps infos={infos} current={current} onChange={setChosen} />
      </Card>
      {pane(
        0,
        <Flex gap={12} align="start">
          <div style={{ width: 260, flex: 'none', position: 'sticky', top: 8 }}>
            <ComponentPicker
              dossier={dossier}
              chosen={picked}
              onChoose={pick}
              onDossier={onDossier}
              locked={locked}
            />
          </div>
          <div style={{ flex: 1, minWidth: 0 }}>
            {/* Every card stays mounted (a scan running in one goes on); only the chosen one shows. */}
            {dossier.components.map((component) => (
              <div
                key={component.code}
                id={`component-panel-${component.code}`}
                role="tabpanel"
                aria-labelledby={`component-tab-${component.code}`}
                hidden={component.code !== picked}
              >
                <ComponentCard
                  dossierId={dossier.id}
                  component={component}
                  procedureCode={dossier.procedureCode}
                  firstComponent={component === dossier.components[0]}
                  onDossier={onDossier}
                  progress={progress}
                  locked={locked}
                  otherComponents={dossier.components
                    .filter((c) => c.code !== component.code)
                    .map((c) => ({ code: c.code, name: c.name }))}
                />
              </div>
            ))}
          </div>
        </Flex>,
      )}
      {pane(1, <ImagingPanel dossier={dossier} />)}
      {pane(2, <SignPanel dossier={dossier} onward={next(2)} />, false)}
      {pane(
        3,
        <>
          {draft ? (
            reception
          ) : (
            <Alert
              type={dossier.unsigned ? 'warning' : 'success'}
              showIcon
              title={t('steps.receivedNote', {
                time: dossier.receivedAt ? formatDateTime(dossier.receivedAt) : '',
              })}
            />
          )}
          <CorrectionPanel dossier={dossier} onDossier={onDossier} />
        </>,
      )}
      {pane(
        4,
        <>
          {!draft && reception}
          <DossierEnding dossier={dossier} onDossier={onDossier} />
          <AuditCard dossierId={dossier.id} />
        </>,
      )}
    </Flex>
  );
}
