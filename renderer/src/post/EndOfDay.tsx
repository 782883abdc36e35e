import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndOfDay as Eod } from '../../../shared/api/rooms/agency';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { useVnd } from '../payment/FeeActions';
import { downloadBase64, openOrDownloadPdf } from '../util/files';

type Row = Eod['agencies'][number];

/** Cuối ngày: what is not yet sent (send all), each agency's handover list and cash, the cash book. */
export function EndOfDay({ tick }: { tick: number }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const vnd = useVnd();
  const eod = useQuery('agency.endOfDay', {});
  const reload = eod.reload;
  // A dossier received above: the counts change.
  useEffect(() => reload(), [tick, reload]);
  const day = eod.data?.day;
  const list = (r: Row, format: 'pdf' | 'xlsx') =>
    void attempt(async () => {
      const out = await client.call('agency.handoverList', { agencyCode: r.agencyCode, day: day!, format });
      if (format === 'pdf') await openOrDownloadPdf(out.file.fileName, out.file.dataBase64);
      else downloadBase64(out.file.fileName, out.file.dataBase64, out.file.mime);
    });
  const confirm = (r: Row) =>
    void attempt(() => client.call('agency.handoverConfirm', { agencyCode: r.agencyCode, day: day! }), {
      success: t('post.confirmed', { agency: r.agencyName }),
    }).then(() => eod.reload());
  const cashbook = () =>
    void attempt(async () => {
      const out = await client.call('agency.cashbook', { day: day! });
      downloadBase64(out.file.fileName, out.file.dataBase64, out.file.mime);
    });
  const sendAll = () =>
    void attempt(() => client.call('outbox.retryNow', {}), { success: t('post.sending') }).then(() =>
      eod.reload(),
    );
  const d = eod.data;
  return (
    <Card title={`${t('post.eodTitle')} ${day ?? ''}`} size="small" data-testid="post-eod">
      {d && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Typography.Text strong data-testid="post-not-sent">
              {t('post.notSent', { n: d.notSent })}
            </Typography.Text>
            <Button type="primary" onClick={sendAll} data-testid="post-send-all">
              {t('post.sendAll')}
            </Button>
            {d.uploadWindowFrom && (
              <Typography.Text type={d.uploadOpen ? 'secondary' : 'warning'}>
                {d.uploadOpen
                  ? t('post.window', { from: d.uploadWindowFrom })
                  : t('post.windowClosed', { from: d.uploadWindowFrom })}
              </Typography.Text>
            )}
            <Button onClick={cashbook} data-testid="post-cashbook">
              {t('post.cashbook')}
            </Button>
          </Space>
          {d.backlog.length > 0 && (
            <Alert type="warning" message={t('post.backlog', { n: d.backlog.length })} />
          )}
          <Table<Row>
            size="small"
            rowKey="agencyCode"
            pagination={false}
            dataSource={d.agencies}
            columns={[
              { title: t('post.colAgency'), render: (_, r) => `${r.agencyName} (${r.agencyCode})` },
              { title: t('post.colCount'), dataIndex: 'toHandOver' },
              { title: t('post.colCash'), render: (_, r) => vnd(r.cash) },
              { title: t('post.colOnline'), render: (_, r) => vnd(r.online) },
              {
                title: t('post.colHandover'),
                render: (_, r) =>
                  r.handover ? (
                    <Tag color="green">{t('post.handedOver')}</Tag>
                  ) : (
                    <Tag color={r.toHandOver ? 'orange' : 'default'}>{t('post.notHandedOver')}</Tag>
                  ),
              },
              {
                title: '',
                render: (_, r) =>
                  r.toHandOver > 0 && (
                    <Space size="small">
                      <Button size="small" onClick={() => list(r, 'pdf')}>
                        {t('post.listPdf')}
                      </Button>
                      <Button size="small" onClick={() => list(r, 'xlsx')}>
                        {t('post.listXlsx')}
                      </Button>
                      {!r.handover && (
                        <Button
                          size="small"
                          onClick={() => confirm(r)}
                          data-testid={`post-confirm-${r.agencyCode}`}
                        >
                          {t('post.confirm')}
                        </Button>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
