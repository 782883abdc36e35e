import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import type { BatchResult, VerifyReport } from '../../../shared/api/rooms/sign';
import { useAttempt, useErrorText, useEvent, useQuery, useShowError } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { ErrorDetail } from '../util/ErrorNotice';
import { openOrDownloadPdf, readAsUpload } from '../util/files';
import { formatDateTime } from '../util/format';
import { signGaps } from '../../../shared/domain/sign-gaps';
import { SignSettings } from './SignSettings';
import { TokenPicker } from './TokenPicker';
import { VerifyReportView } from './VerifyReportView';

/**
 * Ký số — signing a dossier's component PDFs with the USB token: pick the
 * certificate, one PIN entry for the whole batch (sent once, never kept),
 * progress, and the verification report of each signed file.
 */
export function SignPanel({
  dossier,
  onward,
}: {
  dossier: Dossier;
  /** The way on from here (the dossier screen's next step), beside "Tạo PDF & ký tất cả". */
  onward?: ReactNode;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showError = useShowError();
  const attempt = useAttempt();
  const config = useQuery('sign.config.get', {});
  const [modulePath, setModulePath] = useState<string | undefined>(undefined);
  const tokens = useQuery('sign.tokens', modulePath ? { modulePath } : {});
  const [pinOpen, setPinOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{
    done: number;
    total: number;
    phase: 'assemble' | 'sign';
  } | null>(null);
  /** "Ký tất cả" signs the assembled PDFs; "Tạo PDF & ký tất cả" assembles what is missing first. */
  const [mode, setMode] = useState<'sign' | 'assemble'>('sign');
  const [result, setResult] = useState<BatchResult | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const [report, setReport] = useState<{ code: string; report: VerifyReport } | null>(null);
  useEvent('sign.progress', (p) => {
    if (p.dossierId === dossier.id) setProgress({ done: p.done, total: p.total, phase: p.phase ?? 'sign' });
  });

  const withPdf = dossier.components.filter((c) => c.pdf);
  const withoutTimestamp = withPdf.filter((c) => c.pdf?.signed?.level === 'B-B');
  const addTimestamp = () =>
    attempt(async () => {
      const r = await client.call('sign.addTimestamp', { dossierIds: [dossier.id] });
      if (r.error) showError(r.error);
      else void message.success(t('sign.timestampAdded', { count: r.stamped }));
    });
  const verifyOther = (file: File) =>
    attempt(async () => {
      const upload = await readAsUpload(file);
      setReport({ code: file.name, report: await client.call('sign.verifyFile', upload) });
    });
  const toSign = withPdf.filter((c) => !c.pdf?.signed);
  const gaps = signGaps(dossier.components);
  const choice = config.data?.choice;
  const okText =
    mode === 'assemble'
      ? t('steps.assembleSignCount', { count: gaps.length })
      : t('sign.signAll', { count: toSign.length });
  const openPin = (m: 'sign' | 'assemble') => {
    setMode(m);
    setResult(null);
    setPinError(null);
    setPinOpen(true);
  };

  const sign = async () => {
    setBusy(true);
    setPinError(null);
    const assemble = mode === 'assemble';
    setProgress(
      assemble && gaps.some((g) => g.kind !== 'unsigned')
        ? { done: 0, total: gaps.filter((g) => g.kind !== 'unsigned').length, phase: 'assemble' }
        : { done: 0, total: assemble ? gaps.length : toSign.length, phase: 'sign' },
    );
    try {
      const r = await client.call('sign.batch', { dossierIds: [dossier.id], pin, assemble });
      setResult(r);
      setPinOpen(false);
      if (r.failed === 0)
        void message.success(
          assemble
            ? t('steps.allDone')
            : t('sign.done', { signed: r.signed, failed: r.failed, skipped: r.skipped }),
        );
    } catch (err) {
      setPinError(errorText(err));
      tokens.reload();
    } finally {
      // The PIN lives only for this batch.
      setPin('');
      setBusy(false);
      setProgress(null);
    }
  };

  const verify = (code: string) =>
    attempt(async () =>
      setReport({
        code,
        report: await client.call('sign.verifyComponent', { dossierId: dossier.id, componentCode: code }),
      }),
    );
  const download = (code: string) =>
    attempt(async () => {
      const f = await client.call('sign.signedPdf', { dossierId: dossier.id, componentCode: code });
      await openOrDownloadPdf(f.fileName, f.dataBase64);
    });

  return (
    <Card
      data-testid="sign-panel"
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined /> {t('sign.title')}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={12} align="center" wrap data-testid="assemble-sign">
          <Button
            type="primary"
            size="large"
            icon={<SafetyCertificateOutlined />}
            disabled={!choice || gaps.length === 0}
            onClick={() => openPin('assemble')}
            data-testid="assemble-sign-all"
          >
            {gaps.length ? t('steps.assembleSignCount', { count: gaps.length }) : t('steps.assembleSign')}
          </Button>
          <Typography.Text type="secondary" style={{ flex: 1, minWidth: 240 }}>
            {gaps.length === 0
              ? t('steps.nothingToDo')
              : !choice
                ? t('steps.noToken')
                : t('steps.assembleSignHint')}
          </Typography.Text>
          {onward}
        </Flex>
        {result?.tsaError && (
          <Alert
            type="warning"
            showIcon
            title={t('sign.tsaDown')}
            description={<ErrorDetail detail={result.tsaError} />}
          />
        )}
        {result && (
          <Alert
            type={result.failed ? 'error' : result.items.some((i) => i.levelReason) ? 'warning' : 'success'}
            showIcon
            data-testid="sign-result"
            title={t('sign.done', { signed: result.signed, failed: result.failed, skipped: result.skipped })}
            description={result.items
              .filter((i) => i.error ?? i.levelReason)
              .map((i) =>
                i.error
                  ? `${i.componentCode}: ${errorText(i.error)}`
                  : `${i.componentCode} (${t(`sign.levelLabel.${i.level ?? 'B-B'}`)}) — ${t('sign.levelReason')}: ${errorText(i.levelReason)}`,
              )
              .join('\n')}
          />
        )}
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={withPdf}
          locale={{ emptyText: t('sign.nothingToSign') }}
          columns={[
            { title: t('sign.component'), render: (_, c) => `${c.code} — ${c.name}` },
            {
              title: '',
              render: (_, c) =>
                c.pdf?.signed ? (
                  <Flex vertical>
                    <Tag color="success" data-testid={`signed-${c.code}`}>
                      {t('sign.signed')}
                    </Tag>
                    <Typography.Text type="secondary">
                      {t('sign.signedBy', {
                        signer: c.pdf.signed.signer,
                        time: formatDateTime(c.pdf.signed.signedAt),
                        level: t(`sign.levelLabel.${c.pdf.signed.level}`),
                      })}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <Tag>{t('sign.unsigned')}</Tag>
                ),
            },
            {
              title: '',
              render: (_, c) => (
                <Flex gap={8} wrap>
                  <Button size="small" onClick={() => void verify(c.code)} data-testid={`verify-${c.code}`}>
                    {t('sign.verify')}
                  </Button>
                  {c.pdf?.signed && (
                    <Button size="small" onClick={() => void download(c.code)}>
                      {t('sign.downloadSigned')}
                    </Button>
                  )}
                </Flex>
              ),
            },
          ]}
        />
        <TokenPicker
          tokens={tokens.data}
          config={config.data}
          onConfig={config.setData}
          onModule={(p) => {
            setModulePath(p);
            tokens.reload();
          }}
        />
        <Flex gap={8} wrap>
          <Button
            icon={<SafetyCertificateOutlined />}
            disabled={!choice || toSign.length === 0}
            onClick={() => openPin('sign')}
            data-testid="sign-all"
          >
            {t('sign.signAll', { count: toSign.length })}
          </Button>
          {withoutTimestamp.length > 0 && (
            <Button onClick={() => void addTimestamp()} data-testid="add-timestamp">
              {t('sign.addTimestamp')}
            </Button>
          )}
          <Upload
            accept="application/pdf,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              void verifyOther(file);
              return false;
            }}
          >
            <Button data-testid="verify-other">{t('sign.verifyOther')}</Button>
          </Upload>
        </Flex>
        {config.data && (
          <Collapse
            size="small"
            items={[
              {
                key: 'settings',
                label: t('sign.settings'),
                children: <SignSettings config={config.data} onConfig={config.setData} />,
              },
            ]}
          />
        )}
      </Flex>
      <Modal
        open={pinOpen}
        title={t('sign.pinTitle')}
        okText={okText}
        okButtonProps={{ disabled: !pin, loading: busy }}
        onOk={() => void sign()}
        onCancel={() => {
          setPin('');
          setPinOpen(false);
        }}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={() => void sign()}>
          <Typography.Paragraph type="secondary">{choice?.commonName}</Typography.Paragraph>
          <Form.Item label={t('sign.pin')} extra={t('sign.pinHint')}>
            <Input.Password
              autoFocus
              autoComplete="off"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              data-testid="pin-input"
            />
          </Form.Item>
          {pinError && <Alert type="error" showIcon title={pinError} data-testid="pin-error" />}
          {progress && (
            <Progress
              data-testid="sign-progress"
              data-phase={progress.phase}
              percent={Math.round((100 * progress.done) / Math.max(1, progress.total))}
              format={() => t(progress.phase === 'assemble' ? 'steps.assembling' : 'sign.signing', progress)}
            />
          )}
        </Form>
      </Modal>
      <Modal
        open={!!report}
        title={`${t('sign.report')} — ${report?.code ?? ''}`}
        footer={null}
        onCancel={() => setReport(null)}
      >
        {report && <VerifyReportView report={report.report} />}
      </Modal>
    </Card>
  );
}
