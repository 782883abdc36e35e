import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Says a typed reason is still shorter than the minimum, and by how much; nothing once it is long enough. */
export function ReasonLength({ text, min, testId }: { text: string; min: number; testId?: string }) {
  const { t } = useTranslation();
  const n = text.trim().length;
  if (n === 0 || n >= min) return null;
  return (
    <Typography.Text type="danger" role="status" data-testid={testId ?? 'reason-short'}>
      {t('desk.reasonShort', { min, left: min - n })}
    </Typography.Text>
  );
}
