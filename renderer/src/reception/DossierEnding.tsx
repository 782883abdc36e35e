import { FileTextOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Dossier, isEnded } from '../../../shared/api';
import { ENDING_REASON_MAX, ENDING_REASON_MIN } from '../../../shared/api/rooms/reception';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { openOrDownloadPdf } from '../util/files';
import { formatDateTime } from '../util/format';
import { ReasonLength } from './ReasonLength';

type Ending = 'withdraw' | 'refuse';

/**
 * The endings of a received dossier: "Rút hồ sơ" (the citizen takes it back, portal status 7) and
 * "Từ chối giải quyết" (portal status 3), each confirmed in a dialog with its reason; once ended,
 * the dossier says how, when, by whom and why (and prints form 03 when refused).
 */
export function DossierEnding({ dossier, onDossier }: { dossier: Dossier; onDossier: (d: Dossier) => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [asking, setAsking] = useState<Ending | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = reason.trim();

  if (isEnded(dossier.status)) {
    const rec =
      dossier.status === 'withdrawn'
        ? dossier.withdrawal
        : dossier.status === 'stopped'
          ? dossier.stopNotices?.at(-1)
          : dossier.refusal;
    const form = dossier.status === 'refused' ? '03' : dossier.status === 'stopped' ? '07' : null;
    const print = (no: '03' | '07') =>
      void attempt(async () => {
        const f = await client.call('reception.receipt', { dossierId: dossier.id, form: no });
        await openOrDownloadPdf(f.fileName, f.dataBase64);
      });
    return (
      <Alert
        type={dossier.status === 'refused' ? 'error' : dossier.status === 'stopped' ? 'warning' : 'info'}
        showIcon
        data-testid="dossier-ended"
        title={t(
          dossier.status === 'withdrawn'
            ? 'endings.withdrawn'
            : dossier.status === 'stopped'
              ? 'stopShown.ended'
              : 'endings.refused',
          {
            at: rec ? formatDateTime(rec.at) : '',
            by: rec?.by ?? '',
            reason: rec?.reason ?? '',
          },
        )}
        action={
          form && (
            <Button
              size="small"
              icon={<FileTextOutlined />}
              data-testid={form === '03' ? 'ending-form-03' : 'form-07'}
              onClick={() => print(form)}
            >
              {t(form === '03' ? 'endings.form03' : 'formEdit.stopPrint')}
            </Button>
          )
        }
      />
    );
  }
  // Only a received dossier ends this way (a draft is refused at reception), not during a correction
  // nor once handed over.
  const open = dossier.status === 'received' || dossier.status === 'awaiting_completion';
  if (!open || dossier.correction || dossier.handedOverAt) return null;

  const confirm = async () => {
    if (!asking) return;
    setBusy(true);
    const method = asking === 'withdraw' ? 'reception.withdraw' : 'reception.refuse';
    const ok = await attempt(
      async () => {
        const d = await client.call(method, { dossierId: dossier.id, reason: trimmed });
        onDossier(d);
        return d;
      },
      {
        success: (d) =>
          t(asking === 'withdraw' ? 'endings.doneWithdraw' : 'endings.doneRefuse', { code: d.code ?? '' }),
      },
    );
    setBusy(false);
    if (ok) {
      setAsking(null);
      setReason('');
    }
  };
  const tooShort = trimmed.length < ENDING_REASON_MIN || trimmed.length > ENDING_REASON_MAX;
  return (
    <Card size="small" data-testid="dossier-ending">
      <Flex gap={8} wrap>
        <Button icon={<RollbackOutlined />} data-testid="withdraw" onClick={() => setAsking('withdraw')}>
          {t('endings.withdraw')}
        </Button>
        <Button
          danger
          icon={<StopOutlined />}
          data-testid="refuse-received"
          onClick={() => setAsking('refuse')}
        >
          {t('endings.refuse')}
        </Button>
      </Flex>
      <Modal
        open={asking !== null}
        title={t(asking === 'refuse' ? 'endings.refuseTitle' : 'endings.withdrawTitle', {
          code: dossier.code ?? '',
        })}
        okText={t(asking === 'refuse' ? 'endings.confirmRefuse' : 'endings.confirmWithdraw')}
        cancelText={t('endings.back')}
        okButtonProps={{
          danger: true,
          disabled: tooShort,
          loading: busy,
          ...{ 'data-testid': 'ending-confirm' },
        }}
        onOk={() => void confirm()}
        onCancel={() => setAsking(null)}
      >
        <Flex vertical gap={8}>
          <Typography.Paragraph type="secondary">
            {t(asking === 'refuse' ? 'endings.refuseHint' : 'endings.withdrawHint')}
          </Typography.Paragraph>
          <Typography.Text strong>{t('endings.reason')}</Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={ENDING_REASON_MAX}
            autoSize={{ minRows: 3, maxRows: 8 }}
            data-testid="ending-reason"
            aria-label={t('endings.reason')}
          />
          <ReasonLength text={reason} min={ENDING_REASON_MIN} testId="ending-reason-short" />
          <Typography.Text type="secondary">{t('endings.reasonRule')}</Typography.Text>
        </Flex>
      </Modal>
    </Card>
  );
}
