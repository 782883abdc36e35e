import { Alert, Flex, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useErrorParts } from '../api/hooks';
import { ErrorDetail } from './ErrorDetail';

export { ErrorDetail } from './ErrorDetail';

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
