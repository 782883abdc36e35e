import { WarningOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Told to a supervisor or administrator at sign-in when the audit trail has problems. */
export function AuditProblemsModal({ problems, onClose }: { problems: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={problems.length > 0}
      title={
        <span>
          <WarningOutlined style={{ color: '#d46b08' }} /> {t('accounts.auditTitle')}
        </span>
      }
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="audit-problems-ok">
          {t('accounts.auditOk')}
        </Button>
      }
      data-testid="audit-problems"
    >
      <Typography.Paragraph type="secondary">{t('accounts.auditHint')}</Typography.Paragraph>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Modal>
  );
}
