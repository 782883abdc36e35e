import { FileProtectOutlined, FileTextOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { DateField } from '../util/DateField';
import { formatDateTime } from '../util/format';
import { ReasonLength } from './ReasonLength';
import { DueTag, useDue } from './useDue';
import { StopNoticeButtons } from './StopNotice';

type Form = '03' | '04' | '05' | '07';

/** Từ chối tiếp nhận (form 03) for a draft; xin lỗi, hẹn lại (form 04) and the control sheet (05) once received. */
export function NoticesPanel({
  dossier,
  onDossier,
  print,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
  print: (form: Form) => Promise<void>;
}) {
  const { t } = useTranslation();
  const due = useDue()(dossier);
  const [open, setOpen] = useState<'refuse' | 'apologize' | null>(null);
  const last = dossier.apologies?.at(-1);
  const stopped = dossier.stopNotices?.at(-1);
  if (dossier.status === 'draft')
    return (
      <>
        {dossier.refusal && (
          <Alert
            type="error"
            showIcon
            data-testid="refusal"
            title={t('forms.refused', {
              at: formatDateTime(dossier.refusal.at),
              reason: dossier.refusal.reason,
            })}
            action={
              <Button
                size="small"
                icon={<FileTextOutlined />}
                data-testid="form-03"
                onClick={() => void print('03')}
              >
                {t('forms.form03')}
              </Button>
            }
          />
        )}
        <Space>
          <Button danger icon={<StopOutlined />} data-testid="refuse" onClick={() => setOpen('refuse')}>
            {t('forms.refuse')}
          </Button>
        </Space>
        <RefuseDialog
          open={open === 'refuse'}
          dossier={dossier}
          onClose={() => setOpen(null)}
          onDone={onDossier}
          print={print}
        />
      </>
    );
  return (
    <>
      {last && (
        <Alert
          type="warning"
          showIcon
          data-testid="apologies"
          title={t('forms.apologies', {
            count: dossier.apologies?.length ?? 0,
            first: formatDateTime(dossier.apologies![0]!.previousAppointmentAt),
          })}
        />
      )}
      {stopped && (
        <Alert
          type="info"
          showIcon
          data-testid="stop-notices"
          title={t((dossier.stopNotices?.length ?? 0) > 1 ? 'stopShown.count' : 'stopShown.last', {
            count: dossier.stopNotices?.length ?? 0,
            at: formatDateTime(stopped.at),
            by: stopped.by,
            reason: stopped.reason,
          })}
        />
      )}
      <Space wrap>
        <DueTag state={due} />
        {dossier.status === 'received' && (due === 'overdue' || due === 'due_soon') && (
          <Button
            danger={due === 'overdue'}
            icon={<WarningOutlined />}
            data-testid="apologize"
            onClick={() => setOpen('apologize')}
          >
            {t('forms.apologize')}
          </Button>
        )}
        {last && (
          <Button icon={<FileTextOutlined />} data-testid="form-04" onClick={() => void print('04')}>
            {t('forms.form04')}
          </Button>
        )}
        <Button icon={<FileProtectOutlined />} data-testid="form-05" onClick={() => void print('05')}>
          {t('forms.form05')}
        </Button>
        <StopNoticeButtons dossier={dossier} onDossier={onDossier} print={print} />
      </Space>
      <ApologyDialog
        open={open === 'apologize'}
        dossier={dossier}
        onClose={() => setOpen(null)}
        onDone={onDossier}
        print={print}
      />
    </>
  );
}

interface DialogProps {
  open: boolean;
  dossier: Dossier;
  onClose: () => void;
  onDone: (d: Dossier) => void;
  print: (form: Form) => Promise<void>;
}

function RefuseDialog({ open, dossier, onClose, onDone, print }: DialogProps) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setBusy(true);
    const done = await attempt(async () => {
      onDone(await client.call('reception.refuse', { dossierId: dossier.id, reason: reason.trim() }));
    });
    setBusy(false);
    if (done) {
      onClose();
      await print('03');
    }
  };
  return (
    <Modal
      open={open}
      title={t('forms.refuseTitle')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          danger
          type="primary"
          data-testid="refuse-ok"
          disabled={reason.trim().length < 10}
          loading={busy}
          onClick={() => void ok()}
        >
          {t('forms.refuseOk')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('forms.refuseHint')}</Typography.Paragraph>
      <Input.TextArea
        autoFocus
        rows={4}
        maxLength={2000}
        value={reason}
        data-testid="refuse-reason"
        aria-label={t('forms.refuseTitle')}
        onChange={(e) => setReason(e.target.value)}
      />
      <ReasonLength text={reason} min={10} />
    </Modal>
  );
}

function ApologyDialog({ open, dossier, onClose, onDone, print }: DialogProps) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [reason, setReason] = useState('');
  const [cause, setCause] = useState<'subjective' | 'objective'>('objective');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('16:00');
  const [busy, setBusy] = useState(false);
  const ready = reason.trim().length >= 10 && /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time);
  const ok = async () => {
    setBusy(true);
    const done = await attempt(async () => {
      const newAppointmentAt = `${date}T${time}:00+07:00`;
      onDone(
        await client.call('reception.apologize', {
          dossierId: dossier.id,
          reason: reason.trim(),
          cause,
          newAppointmentAt,
        }),
      );
    });
    setBusy(false);
    if (done) {
      onClose();
      await print('04');
    }
  };
  return (
    <Modal
      open={open}
      title={t('forms.apologizeTitle')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          data-testid="apologize-ok"
          disabled={!ready}
          loading={busy}
          onClick={() => void ok()}
        >
          {t('forms.apologizeOk')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('forms.apologizeHint')}</Typography.Paragraph>
      <Typography.Text strong>{t('forms.apologizeReason')}</Typography.Text>
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={2000}
        value={reason}
        data-testid="apologize-reason"
        aria-label={t('forms.apologizeTitle')}
        onChange={(e) => setReason(e.target.value)}
      />
      <ReasonLength text={reason} min={10} />
      <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }}>
        {t('forms.apologizeCause')}
      </Typography.Paragraph>
      <Radio.Group
        value={cause}
        onChange={(e) => setCause(e.target.value as 'subjective' | 'objective')}
        data-testid="apologize-cause"
      >
        <Radio value="objective">{t('forms.causeObjective')}</Radio>
        <Radio value="subjective">{t('forms.causeSubjective')}</Radio>
      </Radio.Group>
      <Space style={{ marginTop: 12 }}>
        <DateField
          value={date}
          onChange={setDate}
          data-testid="apologize-date"
          aria-label={t('forms.apologizeDate')}
        />
        <Input
          value={time}
          onChange={(e) => setTime(e.target.value)}
          style={{ width: 90 }}
          data-testid="apologize-time"
          aria-label={t('forms.apologizeTime')}
        />
      </Space>
    </Modal>
  );
}
