import { Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "Chi tiết": the technical words of an error, folded away until asked for. */
export function ErrorDetail({ detail }: { detail: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (detail) console.warn('error detail:', detail);
  }, [detail]);
  if (!detail) return null;
  return (
    <Flex vertical gap={4} align="start">
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        aria-expanded={open}
        data-testid="error-details-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? t('errorBox.hideDetails') : t('errorBox.details')}
      </Button>
      {open && (
        <Typography.Text
          code
          data-testid="error-details"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}
        >
          {detail}
        </Typography.Text>
      )}
    </Flex>
  );
}
