import {
  CheckCircleFilled,
  ClockCircleOutlined,
  ExclamationCircleFilled,
  FilePdfOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ComponentException, type Dossier, isEnded } from '../../../shared/api';
import type { FormNo } from '../../../shared/api/rooms/reception';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { DossierFee } from '../payment/DossierFee';
import { canOpenPdf, openOrDownloadPdf } from '../util/files';
import { formatDateTime } from '../util/format';
import { ConsentChoice, type ConsentDraft, consentOf, ConsentShown } from './ConsentChoice';
import { NoticesPanel } from './NoticesPanel';
import { SignCheck, signCheckPasses } from './SignCheck';
import { ReasonLength } from './ReasonLength';

/** The shortest reason the engine accepts for an exception or a completion request. */
const EXCEPTION_MIN = 3;
const tooShort = (text: string | undefined) => {
  const n = (text ?? '').trim().length;
  return n > 0 && n < EXCEPTION_MIN;
};

/**
 * Tiếp nhận, in the dossier's workspace: what is missing at a glance, an
 * exception with its reason for a required paper not scanned, the "Tiếp nhận"
 * button (Ctrl+Enter), then the code, the appointment and the receipt.
 */
export function ReceptionPanel({
  dossier,
  onDossier,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const attempt = useAttempt();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'receive' | 'receipt' | 'complete' | 'resume' | null>(null);
  const [asking, setAsking] = useState(false);
  const [why, setWhy] = useState('');
  const [consentDraft, setConsentDraft] = useState<ConsentDraft>({ how: 'none' });
  const [confirmPaper, setConfirmPaper] = useState(false);
  const [unsignedReason, setUnsignedReason] = useState('');
  const consent = consentOf(consentDraft);

  const missing = dossier.components.filter((c) => c.required && c.pages.length === 0);
  const exceptions: ComponentException[] = missing
    .filter((c) => (reasons[c.code] ?? '').trim().length >= EXCEPTION_MIN)
    .map((c) => ({ componentCode: c.code, reason: reasons[c.code]!.trim() }));
  const signOk = signCheckPasses(dossier, unsignedReason);
  const ready = missing.length === exceptions.length && consent !== undefined && signOk;
  const draft = dossier.status === 'draft';
  /** What keeps the dossier from being received, in words (Ctrl+Enter on an incomplete dossier). */
  const notReady = () => {
    const unexplained = missing.filter((c) => !exceptions.some((e) => e.componentCode === c.code));
    const what = [
      ...(unexplained.length
        ? [t('desk.notReadyMissing', { names: unexplained.map((c) => `“${c.name}”`).join(', ') })]
        : []),
      ...(consent === undefined ? [t('desk.notReadyConsent')] : []),
    ];
    return t('desk.notReady', { what: what.join('; ') });
  };

  const receipt = async (form: FormNo) => {
    setBusy('receipt');
    await attempt(async () => {
      const file = await client.call('reception.receipt', { dossierId: dossier.id, form });
      // Electron: opens in the system PDF viewer to print; web mode: downloads the PDF.
      if ((await openOrDownloadPdf(file.fileName, file.dataBase64)) === 'opened')
        message.info(t('desk.pdfOpened', { name: file.fileName }));
    });
    setBusy(null);
  };

  const receive = async (paperConfirmed = false) => {
    if (!draft || busy) return;
    if (!ready || consent === undefined) return void message.warning(notReady());
    // Without the citizen's consent the dossier stays on paper: the clerk says so knowingly.
    if (consent === null && !paperConfirmed) return setConfirmPaper(true);
    setConfirmPaper(false);
    setBusy('receive');
    const received = await attempt(
      async () => {
        const d = await client.call('reception.receive', {
          dossierId: dossier.id,
          exceptions,
          consent,
          unsignedReason: unsignedReason.trim() || undefined,
        });
        onDossier(d);
        return d;
      },
      { success: (d) => t('desk.received', { code: d.code ?? '' }) },
    );
    setBusy(null);
    // receipt() reports its own failure.
    if (received) await receipt('01');
  };

  const act = async (kind: 'complete' | 'resume') => {
    setBusy(kind);
    await attempt(async () => {
      const d =
        kind === 'complete'
          ? await client.call('reception.requestCompletion', { dossierId: dossier.id, reason: why.trim() })
          : await client.call('reception.resumeProcessing', { dossierId: dossier.id });
      onDossier(d);
      setAsking(false);
      setWhy('');
      if (kind === 'complete') await receipt('02');
    });
    setBusy(null);
  };

  // Ctrl+Enter receives from anywhere in the workspace.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void receive();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Card size="small" data-testid="reception-panel" title={t('desk.panelTitle')}>
      <Flex vertical gap={12}>
        <Flex gap={6} wrap data-testid="completeness">
          {dossier.components.map((c) => {
            const done = c.pages.length > 0;
            const excepted =
              dossier.exceptions?.some((e) => e.componentCode === c.code) ||
              !!exceptions.find((e) => e.componentCode === c.code);
            const color = done ? 'success' : c.required ? (excepted ? 'warning' : 'error') : 'default';
            const icon = done ? <CheckCircleFilled /> : c.required ? <ExclamationCircleFilled /> : undefined;
            return (
              <Tag
                key={c.code}
                color={color}
                icon={icon}
                data-testid={`slot-${c.code}`}
                data-state={done ? 'done' : excepted ? 'excepted' : c.required ? 'missing' : 'optional'}
              >
                {c.code} · {c.name} {done ? `(${c.pages.length})` : ''}
              </Tag>
            );
          })}
        </Flex>

        {draft && missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('desk.missing', { count: missing.length })}
            description={
              <Flex vertical gap={6}>
                {missing.map((c) => (
                  <Flex key={c.code} vertical>
                    <Input
                      size="small"
                      data-testid={`exception-${c.code}`}
                      addonBefore={c.code}
                      aria-label={t('desk.exceptionPlaceholder', { name: c.name })}
                      placeholder={t('desk.exceptionPlaceholder', { name: c.name })}
                      value={reasons[c.code] ?? ''}
                      maxLength={500}
                      status={tooShort(reasons[c.code]) ? 'error' : undefined}
                      onChange={(e) => setReasons((r) => ({ ...r, [c.code]: e.target.value }))}
                    />
                    <ReasonLength
                      text={reasons[c.code] ?? ''}
                      min={EXCEPTION_MIN}
                      testId={`reason-short-${c.code}`}
                    />
                  </Flex>
                ))}
              </Flex>
            }
          />
        )}

        {draft && <SignCheck dossier={dossier} reason={unsignedReason} onReason={setUnsignedReason} />}

        {draft && (
          <ConsentChoice value={consentDraft} onChange={setConsentDraft} components={dossier.components} />
        )}

        {draft && <NoticesPanel dossier={dossier} onDossier={onDossier} print={receipt} />}

        {draft ? (
          <Space wrap>
            <Button
              type="primary"
              size="large"
              icon={<SafetyCertificateOutlined />}
              data-testid="receive-dossier"
              disabled={!ready}
              loading={busy === 'receive'}
              onClick={() => void receive()}
              title={t('desk.receiveShortcut')}
            >
              {t('desk.receive')}
            </Button>
            {missing.length > 0 && (
              <Button
                data-testid="completion-form"
                loading={busy === 'receipt'}
                onClick={() => void receipt('02')}
              >
                {t('desk.form02')}
              </Button>
            )}
            <Typography.Text type="secondary">{t('desk.receiveShortcut')}</Typography.Text>
          </Space>
        ) : (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
              <Descriptions.Item label={t('desk.code')}>
                <Typography.Text strong copyable data-testid="dossier-code">
                  {dossier.code}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('desk.receivedAt')}>
                <span data-testid="dossier-received-at">
                  {dossier.receivedAt ? formatDateTime(dossier.receivedAt) : ''}
                </span>
              </Descriptions.Item>
              {dossier.receivedBy && (
                <Descriptions.Item label={t('desk.receivedBy')}>
                  <span data-testid="dossier-received-by">{dossier.receivedBy}</span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('consent.label')}>
                <ConsentShown consent={dossier.consent} />
              </Descriptions.Item>
              <Descriptions.Item label={t('desk.appointment')}>
                <Typography.Text strong data-testid="dossier-appointment">
                  <ClockCircleOutlined /> {dossier.appointmentAt ? formatDateTime(dossier.appointmentAt) : ''}
                </Typography.Text>
                {dossier.status === 'awaiting_completion' && (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    {t('desk.clockStopped')}
                  </Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
            {(dossier.unconfirmedYears?.length ?? 0) > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="unconfirmed-years"
                title={t('desk.unconfirmedYears', { years: dossier.unconfirmedYears?.join(', ') })}
              />
            )}
            <Space wrap>
              <Button
                type="primary"
                icon={<FilePdfOutlined />}
                data-testid="receipt-pdf"
                loading={busy === 'receipt'}
                onClick={() => void receipt(dossier.status === 'awaiting_completion' ? '02' : '01')}
              >
                {dossier.status === 'awaiting_completion'
                  ? t(canOpenPdf() ? 'desk.form02Open' : 'desk.form02')
                  : t(canOpenPdf() ? 'desk.receiptOpen' : 'desk.receipt')}
              </Button>
              {dossier.status === 'received' ? (
                <Button
                  icon={<PauseCircleOutlined />}
                  data-testid="request-completion"
                  onClick={() => setAsking(true)}
                >
                  {t('desk.requestCompletion')}
                </Button>
              ) : (
                dossier.status === 'awaiting_completion' && (
                  <Button
                    icon={<PlayCircleOutlined />}
                    data-testid="resume-processing"
                    loading={busy === 'resume'}
                    onClick={() => void act('resume')}
                  >
                    {t('desk.resume')}
                  </Button>
                )
              )}
            </Space>
            {/* An ended dossier (refused, withdrawn) has no apology nor control sheet: DossierEnding shows it. */}
            {!isEnded(dossier.status) && (
              <NoticesPanel dossier={dossier} onDossier={onDossier} print={receipt} />
            )}
            <DossierFee dossierId={dossier.id} />
          </>
        )}
      </Flex>
      <Modal
        open={confirmPaper}
        title={t('consent.confirmTitle')}
        onCancel={() => setConfirmPaper(false)}
        footer={[
          <Button key="cancel" onClick={() => setConfirmPaper(false)} data-testid="receive-paper-cancel">
            {t('common.back')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            autoFocus
            onClick={() => void receive(true)}
            data-testid="receive-paper-ok"
          >
            {t('consent.confirmOk')}
          </Button>,
        ]}
      >
        <Typography.Paragraph>{t('consent.confirmText')}</Typography.Paragraph>
      </Modal>
      <Modal
        open={asking}
        title={t('desk.requestCompletion')}
        onCancel={() => setAsking(false)}
        footer={[
          <Button key="cancel" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            data-testid="request-completion-ok"
            disabled={why.trim().length < 3}
            loading={busy === 'complete'}
            onClick={() => void act('complete')}
          >
            {t('desk.requestCompletionOk')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">{t('desk.requestCompletionHint')}</Typography.Paragraph>
        <Input.TextArea
          autoFocus
          rows={4}
          maxLength={2000}
          value={why}
          data-testid="request-completion-reason"
          aria-label={t('desk.requestCompletion')}
          onChange={(e) => setWhy(e.target.value)}
        />
        <ReasonLength text={why} min={EXCEPTION_MIN} />
      </Modal>
    </Card>
  );
}
