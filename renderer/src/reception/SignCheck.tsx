import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Flex, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import { signGaps, UNSIGNED_REASON_MIN } from '../../../shared/domain/sign-gaps';

/** True when the dossier may be received as it is: all signed, or a reason long enough given. */
export function signCheckPasses(dossier: Dossier, reason: string): boolean {
  return signGaps(dossier.components).length === 0 || [...reason.trim()].length >= UNSIGNED_REASON_MIN;
}

/**
 * Before "Tiếp nhận": which components are not assembled or not signed, and the reason to
 * receive them so (the engine refuses it missing or shorter than UNSIGNED_REASON_MIN).
 */
export function SignCheck({
  dossier,
  reason,
  onReason,
}: {
  dossier: Dossier;
  reason: string;
  onReason: (r: string) => void;
}) {
  const { t } = useTranslation();
  const gaps = signGaps(dossier.components);
  if (gaps.length === 0)
    return (
      <Typography.Text type="success" data-testid="sign-check" data-state="ok">
        <CheckCircleFilled /> {t('signCheck.allSigned')}
      </Typography.Text>
    );
  const length = [...reason.trim()].length;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sign-check"
      data-state="gaps"
      title={t('signCheck.gaps', { count: gaps.length })}
      description={
        <Flex vertical gap={6}>
          <Flex gap={4} wrap>
            {gaps.map((g) => (
              <Tag
                key={g.code}
                icon={<ExclamationCircleFilled />}
                color="warning"
                data-testid={`sign-gap-${g.code}`}
              >
                {g.code} · {g.name}: {t(`signCheck.${g.kind}`)}
              </Tag>
            ))}
          </Flex>
          <label htmlFor="unsigned-reason">{t('signCheck.reasonLabel')}</label>
          <Input.TextArea
            id="unsigned-reason"
            data-testid="unsigned-reason"
            autoSize={{ minRows: 1, maxRows: 3 }}
            maxLength={2000}
            value={reason}
            placeholder={t('signCheck.reasonPlaceholder')}
            status={length > 0 && length < UNSIGNED_REASON_MIN ? 'error' : undefined}
            onChange={(e) => onReason(e.target.value)}
          />
          <Typography.Text
            type={length < UNSIGNED_REASON_MIN ? 'danger' : 'secondary'}
            data-testid="unsigned-reason-hint"
          >
            {length < UNSIGNED_REASON_MIN
              ? t('signCheck.reasonShort', { min: UNSIGNED_REASON_MIN, length })
              : t('signCheck.reasonRecorded')}
          </Typography.Text>
        </Flex>
      }
    />
  );
}
