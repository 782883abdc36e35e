import { Alert, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../shared/api/rooms/sign';
import { formatDateTime } from '../util/format';

const COLOR = { valid: 'success', invalid: 'error', indeterminate: 'warning', unsigned: 'info' } as const;

/** A PDF's signatures, each with who signed, when, the timestamp and what was checked, in plain words. */
export function VerifyReportView({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="verify-report" data-verdict={report.verdict}>
      <Alert type={COLOR[report.verdict]} showIcon title={t(`sign.verdict_${report.verdict}`)} />
      {report.modifiedAfterLastSignature && <Alert type="error" showIcon title={t('sign.modifiedAfter')} />}
      {report.signatures.map((s) => (
        <div key={s.index}>
          <Typography.Title level={5}>
            {t('sign.signatureN', { n: s.index + 1 })}{' '}
            <Tag color={COLOR[s.verdict]}>{t(`sign.verdict_${s.verdict}`)}</Tag>{' '}
            <Tag data-testid="signature-level">{t(`sign.levelLabel.${s.level}`)}</Tag>
          </Typography.Title>
          <Descriptions size="small" column={1}>
            {s.signer && (
              <Descriptions.Item>{t('sign.signer', { name: s.signer.commonName })}</Descriptions.Item>
            )}
            {s.signer && <Descriptions.Item>{s.signer.issuer}</Descriptions.Item>}
            {s.claimedTime && (
              <Descriptions.Item>
                {t('sign.claimedTime', { time: formatDateTime(s.claimedTime) })}
              </Descriptions.Item>
            )}
            <Descriptions.Item>
              {s.timestamp
                ? t('sign.timestamp', { time: formatDateTime(s.timestamp.time), tsa: s.timestamp.tsa })
                : t('sign.noTimestamp')}
            </Descriptions.Item>
            {s.judgedAt && (
              <Descriptions.Item>
                {t('sign.judgedAt', {
                  time: formatDateTime(s.judgedAt.time),
                  source: t(`sign.judgedAtSource.${s.judgedAt.source}`),
                })}
              </Descriptions.Item>
            )}
          </Descriptions>
          <List
            size="small"
            dataSource={[
              ...s.findings.map((f) => t(`sign.finding.${f}`)),
              ...s.pathProblems.map((p) => t(`sign.path.${p.code}`, { name: p.subject })),
            ]}
            renderItem={(line) => <List.Item>{line}</List.Item>}
          />
        </div>
      ))}
    </Flex>
  );
}
