import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Rating } from '../../../shared/api/rooms/feedback';
import type { Satisfaction, SatisfactionGroup } from '../../../shared/api/rooms/reports';
import { localParts, parseInstant } from '../../../shared/domain/deadline';
import { LEVEL_COLOUR, LevelTag } from './levels';

/** dd/MM/yyyy HH:mm in Vietnam's time. */
function when(instant: string): string {
  const p = localParts(parseInstant(instant));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

function Groups({ title, groups, testId }: { title: string; groups: SatisfactionGroup[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} data-testid={testId} style={{ height: '100%' }}>
      {groups.length === 0 && <Typography.Text type="secondary">{t('satisfaction.none')}</Typography.Text>}
      {groups.map((g) => (
        <Flex
          key={g.key}
          justify="space-between"
          align="center"
          gap={8}
          data-testid={`${testId}-row`}
          data-key={g.key}
        >
          <Typography.Text ellipsis style={{ maxWidth: 180 }}>
            {g.key}
          </Typography.Text>
          <span>
            {g.share.percent === null ? '—' : `${g.share.percent} %`} ({g.share.numerator}/
            {g.share.denominator}) <LevelTag level={g.share.level} />
          </span>
        </Flex>
      ))}
    </Card>
  );
}

/**
 * Mức độ hài lòng (reports.figures, supervisor): the share with its colour, per counter, clerk and
 * unit, and every "Không hài lòng" with its reasons and comment.
 */
export function SatisfactionCard({ sat }: { sat: Satisfaction }) {
  const { t } = useTranslation();
  const c = LEVEL_COLOUR[sat.share.level];
  const columns = [
    {
      title: t('figures.code'),
      key: 'code',
      width: 230,
      render: (_: unknown, r: Rating) => r.dossierCode ?? r.dossierId,
    },
    { title: t('satisfaction.when'), key: 'at', width: 150, render: (_: unknown, r: Rating) => when(r.at) },
    { title: t('satisfaction.counter'), dataIndex: 'counter', key: 'counter', width: 70 },
    {
      title: t('satisfaction.clerk'),
      key: 'clerk',
      width: 170,
      render: (_: unknown, r: Rating) => r.clerk ?? '—',
    },
    {
      title: t('satisfaction.reasons'),
      key: 'reasons',
      render: (_: unknown, r: Rating) =>
        r.reasons.map((x) => (
          <Tag key={x} color="red">
            {t(`feedback.reasons.${x}`)}
          </Tag>
        )),
    },
    { title: t('satisfaction.comment'), key: 'comment', render: (_: unknown, r: Rating) => r.comment ?? '' },
  ];
  return (
    <Card
      title={t('satisfaction.title')}
      data-testid="figures-satisfaction"
      data-level={sat.share.level}
      style={{ borderTop: `6px solid ${c.bg}` }}
    >
      <Flex vertical gap={16}>
        <Flex align="center" gap={16} wrap>
          <span
            style={{ fontSize: 34, fontWeight: 700, color: sat.share.level === 'no_data' ? '#8c8c8c' : c.bg }}
            data-testid="satisfaction-percent"
          >
            {sat.share.percent === null ? '—' : `${sat.share.percent} %`}
          </span>
          <LevelTag level={sat.share.level} />
          <Typography.Text data-testid="satisfaction-counts">
            {t('satisfaction.counts', {
              very: sat.counts.very_satisfied,
              ok: sat.counts.satisfied,
              bad: sat.counts.unsatisfied,
            })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('satisfaction.hint')}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Groups
              title={t('satisfaction.byCounter')}
              groups={sat.byCounter}
              testId="satisfaction-counter"
            />
          </Col>
          <Col xs={24} lg={8}>
            <Groups title={t('satisfaction.byClerk')} groups={sat.byClerk} testId="satisfaction-clerk" />
          </Col>
          <Col xs={24} lg={8}>
            <Groups title={t('satisfaction.byAgency')} groups={sat.byAgency} testId="satisfaction-agency" />
          </Col>
        </Row>
        <Typography.Text strong>{t('satisfaction.unsatisfied')}</Typography.Text>
        <Table<Rating>
          size="small"
          rowKey="dossierId"
          dataSource={sat.unsatisfied}
          columns={columns}
          pagination={sat.unsatisfied.length > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: t('satisfaction.unsatisfiedEmpty') }}
          onRow={(r) =>
            ({
              'data-testid': `unsatisfied-${r.dossierCode ?? r.dossierId}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Flex>
    </Card>
  );
}
