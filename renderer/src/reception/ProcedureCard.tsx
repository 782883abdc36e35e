import { Card, Descriptions, Divider, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../shared/api';
import { formatVnd } from '../util/format';

/** What the chosen procedure asks of the applicant, with everything the catalogue says about it. */
export function ProcedureCard({ procedure: p }: { procedure: Procedure }) {
  const { t, i18n } = useTranslation();
  const fee = p.feeVnd > 0 ? formatVnd(p.feeVnd, i18n.language) : t('reception.free');
  const time =
    p.processingHours !== undefined
      ? t('deskProcedure.hours', { n: p.processingHours })
      : t('deskProcedure.days', { n: p.processingDays });
  return (
    <Card title={p.name} extra={<Tag>{p.code}</Tag>} data-testid="procedure-card">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('reception.field')}>{p.field}</Descriptions.Item>
        <Descriptions.Item label={t('reception.agency')}>
          {p.agency}
          {p.level && <Tag style={{ marginInlineStart: 8 }}>{t(`deskProcedure.level.${p.level}`)}</Tag>}
        </Descriptions.Item>
        {p.receivingAgency && (
          <Descriptions.Item label={t('deskProcedure.receiving')}>{p.receivingAgency}</Descriptions.Item>
        )}
        {p.decidingAgency && (
          <Descriptions.Item label={t('deskProcedure.deciding')}>{p.decidingAgency}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('deskProcedure.time')}>{time}</Descriptions.Item>
        <Descriptions.Item label={t('deskProcedure.fee')}>{fee}</Descriptions.Item>
        {p.onlineLevel && (
          <Descriptions.Item label={t('deskProcedure.online')}>
            {t(`deskProcedure.onlineLevel.${p.onlineLevel}`)}
          </Descriptions.Item>
        )}
        {p.resultMethods && p.resultMethods.length > 0 && (
          <Descriptions.Item label={t('deskProcedure.result')}>
            {p.resultMethods.join('; ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Divider titlePlacement="start" plain>
        {t('reception.components')}
      </Divider>
      <Flex vertical gap={8}>
        {p.components.map((c) => (
          <Flex key={c.code} justify="space-between" align="center" gap={8}>
            <Typography.Text>
              {c.name}
              <Typography.Text type="secondary">
                {' '}
                · {t('deskProcedure.copies', { n: c.copies })}
                {c.original ? ` · ${t('deskProcedure.original')}` : ''}
              </Typography.Text>
            </Typography.Text>
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
