import { Alert, Button, Flex, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorParts } from '../api/hooks';

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

/**
 * The one way to show an error: the Vietnamese sentence for it, and the technical
 * detail (a library path, "ECONNREFUSED") only behind "Chi tiết" (and in the log).
 */
export function ErrorNotice({
  error,
  type = 'error',
  title,
  style = { marginBottom: 16 },
}: {
  error: unknown;
  type?: 'error' | 'warning';
  /** A heading above the sentence (the sentence then goes below it). */
  title?: string;
  style?: CSSProperties;
}) {
  const parts = useErrorParts()(error);
  const body = (
    <Flex vertical gap={4}>
      {title && <span>{parts.text}</span>}
      <ErrorDetail detail={parts.detail} />
    </Flex>
  );
  return (
    <Alert
      type={type}
      showIcon
      data-testid="error-notice"
      style={style}
      title={title ?? parts.text}
      description={parts.detail || title ? body : undefined}
    />
  );
}

/** An error inline (a table cell): the sentence, and "Chi tiết" under it. */
export function ErrorText({ error, type = 'danger' }: { error: unknown; type?: 'danger' | 'warning' }) {
  const parts = useErrorParts()(error);
  return (
    <Flex vertical gap={0}>
      <Typography.Text type={type} style={{ fontSize: 12 }}>
        {parts.text}
      </Typography.Text>
      <ErrorDetail detail={parts.detail} />
    </Flex>
  );
}
