import { Card, Descriptions, Divider, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../shared/api';
import { formatVnd } from '../util/format';

/** What the chosen procedure asks of the applicant, so the clerk can check the papers. */
export function ProcedureDetails({ procedure }: { procedure: Procedure }) {
  const { t, i18n } = useTranslation();
  const fee =
    procedure.feeVnd > 0
      ? t('reception.fee', { fee: formatVnd(procedure.feeVnd, i18n.language) })
      : t('reception.free');
  return (
    <Card title={procedure.name} extra={<Tag>{procedure.code}</Tag>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('reception.field')}>{procedure.field}</Descriptions.Item>
        <Descriptions.Item label={t('reception.agency')}>{procedure.agency}</Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">
        {t('reception.processing', { days: procedure.processingDays })} · {fee}
      </Typography.Text>
      <Divider titlePlacement="start" plain>
        {t('reception.components')}
      </Divider>
      <Flex vertical gap={8}>
        {procedure.components.map((c) => (
          <Flex key={c.code} justify="space-between" align="center" gap={8}>
            <Typography.Text>{c.name}</Typography.Text>
            {c.required ? (
              <Tag color="red">{t('component.required')}</Tag>
            ) : (
              <Tag>{t('component.optional')}</Tag>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
