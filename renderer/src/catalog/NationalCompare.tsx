import { CloudSyncOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import { useStation } from '../api/StationContext';
import { ErrorNotice } from '../util/ErrorNotice';

type Diff = Result<'catalog.nationalDiff'>;

interface Row {
  key: string;
  code: string;
  what: string;
  local: string;
  national: string;
}

/**
 * "Đối chiếu với CSDL quốc gia": each local procedure read from the national procedure database
 * (LayThuTuc, DVCQG dialect) and what differs shown as a table. Nothing is changed.
 */
export function NationalCompare() {
  const { t } = useTranslation();
  const { client } = useStation();
  const [busy, setBusy] = useState(false);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<unknown>(null);

  const compare = async () => {
    setBusy(true);
    setError(null);
    setDiff(null);
    try {
      setDiff(await client.call('catalog.nationalDiff', {}));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // What differs first; the procedures the national database does not have after them.
  const rows: Row[] = [];
  const absent: Row[] = [];
  for (const i of diff?.items ?? []) {
    if (!i.found)
      absent.push({
        key: `${i.code}-missing`,
        code: i.code,
        what: t('national.notFoundWhat'),
        local: i.localName,
        national: t('national.notFound'),
      });
    for (const d of i.differs)
      rows.push({
        key: `${i.code}-${d}`,
        code: i.code,
        what: t(`national.${d}`),
        local: d === 'name' ? i.localName : i.localField,
        national: (d === 'name' ? i.nationalName : i.nationalField) ?? '',
      });
  }
  rows.push(...absent);
  const items = diff?.items ?? [];
  const missing = items.filter((i) => !i.found).length;
  const differ = items.filter((i) => i.found && i.differs.length > 0).length;

  return (
    <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="national-compare">
      <Typography.Text type="secondary">{t('national.hint')}</Typography.Text>
      <Flex gap={8}>
        <Button
          icon={<CloudSyncOutlined />}
          loading={busy}
          onClick={() => void compare()}
          data-testid="national-compare-run"
        >
          {t('national.compare')}
        </Button>
        {(diff || error !== null) && (
          <Button
            type="link"
            onClick={() => {
              setDiff(null);
              setError(null);
            }}
          >
            {t('national.close')}
          </Button>
        )}
      </Flex>
      {error !== null && <ErrorNotice error={error} style={{ marginBottom: 0 }} />}
      {diff && (
        <Alert
          type={rows.length ? 'warning' : 'success'}
          showIcon
          data-testid="national-compare-summary"
          title={
            rows.length
              ? t('national.summary', {
                  n: items.length,
                  same: items.length - differ - missing,
                  differ,
                  missing,
                })
              : t('national.allSame')
          }
        />
      )}
      {diff && rows.length > 0 && (
        <Table<Row>
          size="small"
          pagination={false}
          data-testid="national-compare-table"
          dataSource={rows}
          onRow={(r) => ({ 'data-testid': `national-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('national.code'), dataIndex: 'code', width: 110 },
            { title: t('national.what'), dataIndex: 'what', width: 120 },
            { title: t('national.local'), dataIndex: 'local' },
            { title: t('national.national'), dataIndex: 'national' },
          ]}
        />
      )}
    </Flex>
  );
}
