import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { type Holiday, holidayIssues } from '../../../shared/domain/deadline';
import { stationRange } from '../../../shared/domain/dossier-code';
import { holidaysOf } from '../../../shared/domain/holidays';
import { useMaySet } from '../accounts/AccountsContext';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { DateField } from '../util/DateField';
import { CatalogCard } from '../catalog/CatalogCard';

type Fields = Pick<
  StationSettings,
  | 'unitName'
  | 'governingAgency'
  | 'agencyCode'
  | 'stationCode'
  | 'place'
  | 'hotline'
  | 'switchboard'
  | 'lookupUrl'
  | 'resultPlace'
  | 'registerBook'
  | 'officerName'
> & { morningStart: string; morningEnd: string; afternoonStart: string; afternoonEnd: string };

const TEXT_FIELDS = [
  'unitName',
  'governingAgency',
  'agencyCode',
  'stationCode',
  'place',
  'hotline',
  'switchboard',
  'lookupUrl',
  'resultPlace',
  'registerBook',
  'officerName',
] as const;

/**
 * What a unit sets for reception (all of it is data, never a constant: it
 * differs by province and unit — docs/architecture.md, "Data at rest"): the
 * names and numbers printed on receipts, the agency and station codes behind
 * the dossier code, office hours, and the holiday table — checked for overlaps
 * here, before anything is saved.
 */
export function ReceptionSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const attempt = useAttempt();
  const settings = useQuery('settings.get', {});
  const maySet = useMaySet();
  const [form] = Form.useForm<Fields>();
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const [extraDays, setExtraDays] = useState<string[]>([]);
  const [year, setYear] = useState<number>(new Date().getFullYear() + 1);
  const [saving, setSaving] = useState(false);
  const problems = holidayIssues(holidays);
  const stationCode = Form.useWatch('stationCode', form);
  const range = stationCode ? stationRange(stationCode) : null;

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    const [am, pm] = s.officeHours;
    form.setFieldsValue({
      ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, s[k]])),
      morningStart: am?.start ?? '07:00',
      morningEnd: am?.end ?? '11:30',
      afternoonStart: pm?.start ?? '13:30',
      afternoonEnd: pm?.end ?? '17:00',
    } as Fields);
    setHolidays(s.holidays);
    setExtraDays(s.extraWorkingDays);
  }, [settings.data, form]);

  const save = async (v: Fields) => {
    if (problems.length) return;
    setSaving(true);
    await attempt(
      async () => {
        const patch: Partial<StationSettings> = {
          // Only what this person may change (an administrator's fields stay as they are for a supervisor).
          ...Object.fromEntries(TEXT_FIELDS.filter((k) => maySet(k)).map((k) => [k, v[k].trim()])),
          officeHours: [
            { start: v.morningStart, end: v.morningEnd },
            { start: v.afternoonStart, end: v.afternoonEnd },
          ],
          holidays: [...holidays].sort((a, b) => a.from.localeCompare(b.from)),
          // A make-up day half typed is not one: only whole dates are kept.
          extraWorkingDays: [...new Set(extraDays.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort(),
        };
        settings.setData(await client.call('settings.update', patch));
      },
      { success: t('deskSettings.saved') },
    );
    setSaving(false);
  };

  const prefill = () => {
    const have = new Set(holidays.map((h) => h.from.slice(0, 4)));
    if (have.has(String(year))) {
      message.warning(t('deskSettings.yearPresent', { year }));
      return;
    }
    setHolidays([...holidays, ...holidaysOf(year)].sort((a, b) => a.from.localeCompare(b.from)));
  };

  /** A row someone types or edits is theirs: confirmed, unless they untick it. */
  const edit = (i: number, patch: Partial<Holiday>) =>
    setHolidays(holidays.map((h, k) => (k === i ? { confirmed: true, ...h, ...patch } : h)));

  const time = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('deskSettings.timeInvalid') };

  return (
    <>
      <Card title={t('deskSettings.title')} data-testid="reception-settings">
        <Form form={form} layout="vertical" onFinish={save} disabled={saving || !settings.data}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="governingAgency" label={t('deskSettings.governingAgency')}>
                <Input disabled={!maySet('governingAgency') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitName" label={t('deskSettings.unitName')} rules={[{ required: true }]}>
                <Input disabled={!maySet('unitName') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="agencyCode"
                label={t('deskSettings.agencyCode')}
                rules={[
                  {
                    required: true,
                    pattern: /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/,
                    message: t('deskSettings.agencyCodeInvalid'),
                  },
                ]}
              >
                <Input disabled={!maySet('agencyCode') || undefined} data-testid="settings-agency-code" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="stationCode"
                label={t('deskSettings.stationCode')}
                extra={range ? t('deskSettings.range', { first: range.first, last: range.last }) : undefined}
                rules={[
                  {
                    validator: (_, v: string) =>
                      stationRange(v ?? '')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('deskSettings.stationInvalid'))),
                  },
                ]}
              >
                <Input disabled={!maySet('stationCode') || undefined} maxLength={2} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="place" label={t('deskSettings.place')}>
                <Input disabled={!maySet('place') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="registerBook" label={t('deskSettings.registerBook')}>
                <Input disabled={!maySet('registerBook') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="hotline" label={t('deskSettings.hotline')}>
                <Input disabled={!maySet('hotline') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="switchboard" label={t('deskSettings.switchboard')}>
                <Input disabled={!maySet('switchboard') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="lookupUrl" label={t('deskSettings.lookupUrl')}>
                <Input disabled={!maySet('lookupUrl') || undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="officerName"
                label={t('deskSettings.officerName')}
                extra={t('deskSettings.officerHint')}
              >
                <Input
                  disabled={!maySet('officerName') || undefined}
                  maxLength={120}
                  data-testid="settings-officer"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="resultPlace" label={t('deskSettings.resultPlace')}>
                <Input disabled={!maySet('resultPlace') || undefined} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('deskSettings.officeHours')}</Typography.Text>
          <Flex gap={8} align="center" wrap style={{ margin: '8px 0 16px' }}>
            {(['morningStart', 'morningEnd', 'afternoonStart', 'afternoonEnd'] as const).map((k, i) => (
              <Flex key={k} gap={8} align="center">
                {i === 2 && <span>·</span>}
                <Form.Item name={k} rules={[time]} noStyle>
                  <Input style={{ width: 80 }} aria-label={t(`deskSettings.${k}`)} />
                </Form.Item>
                {i % 2 === 0 && <span>–</span>}
              </Flex>
            ))}
          </Flex>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text strong>{t('deskSettings.holidays')}</Typography.Text>
            <Flex gap={8}>
              <InputNumber
                min={2000}
                max={2100}
                value={year}
                onChange={(v) => v && setYear(v)}
                aria-label={t('deskSettings.year')}
              />
              <Button onClick={prefill}>{t('deskSettings.prefill')}</Button>
              <Button
                icon={<PlusOutlined />}
                onClick={() => setHolidays([...holidays, { from: '', to: '', name: '', confirmed: true }])}
              >
                {t('deskSettings.addHoliday')}
              </Button>
            </Flex>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 4 }}>
            {t('deskSettings.holidaysHint')}
          </Typography.Paragraph>
          <Table<Holiday & { i: number }>
            size="small"
            pagination={false}
            rowKey="i"
            dataSource={holidays.map((h, i) => ({ ...h, i }))}
            columns={[
              {
                title: t('deskSettings.from'),
                width: 170,
                render: (_, h) => (
                  <DateField
                    data-testid="holiday-from"
                    aria-label={t('deskSettings.from')}
                    value={h.from}
                    onChange={(v) => edit(h.i, { from: v })}
                  />
                ),
              },
              {
                title: t('deskSettings.to'),
                width: 170,
                render: (_, h) => (
                  <DateField
                    data-testid="holiday-to"
                    aria-label={t('deskSettings.to')}
                    value={h.to}
                    onChange={(v) => edit(h.i, { to: v })}
                  />
                ),
              },
              {
                title: t('deskSettings.name'),
                render: (_, h) => (
                  <Input
                    value={h.name}
                    aria-label={t('deskSettings.name')}
                    onChange={(e) => edit(h.i, { name: e.target.value })}
                  />
                ),
              },
              {
                title: t('deskSettings.confirmed'),
                width: 110,
                render: (_, h) => (
                  <Checkbox
                    data-testid="holiday-confirmed"
                    checked={h.confirmed === true}
                    title={t('deskSettings.confirmedHint')}
                    aria-label={t('deskSettings.confirmed')}
                    onChange={(e) => edit(h.i, { confirmed: e.target.checked })}
                  />
                ),
              },
              {
                width: 48,
                render: (_, h) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('deskSettings.remove')}
                    onClick={() => setHolidays(holidays.filter((_x, k) => k !== h.i))}
                  />
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 4 }}>
            {t('deskSettings.unconfirmedNote')}
          </Typography.Paragraph>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
            <Typography.Text strong>{t('deskSettings.extraWorkingDays')}</Typography.Text>
            <Button
              icon={<PlusOutlined />}
              data-testid="extra-day-add"
              onClick={() => setExtraDays([...extraDays, ''])}
            >
              {t('deskSettings.addExtraDay')}
            </Button>
          </Flex>
          <Flex gap={8} wrap style={{ margin: '8px 0' }} data-testid="extra-days">
            {extraDays.length === 0 && (
              <Typography.Text type="secondary">{t('deskSettings.noExtraDays')}</Typography.Text>
            )}
            {extraDays.map((d, i) => (
              <Tag
                key={i}
                closable
                onClose={() => setExtraDays(extraDays.filter((_x, k) => k !== i))}
                style={{ padding: 4 }}
              >
                <DateField
                  data-testid="extra-day"
                  aria-label={t('deskSettings.extraWorkingDays')}
                  value={d}
                  onChange={(v) => setExtraDays(extraDays.map((x, k) => (k === i ? v : x)))}
                />
              </Tag>
            ))}
          </Flex>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={t('deskSettings.holidayProblems')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.map((p) => (
                    <li key={`${p.kind}-${p.row}`}>{t(`deskSettings.issue.${p.kind}`, p)}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            loading={saving}
            disabled={problems.length > 0}
            style={{ marginTop: 16 }}
          >
            {t('deskSettings.save')}
          </Button>
        </Form>
      </Card>
      <CatalogCard />
    </>
  );
}
