import { FileAddOutlined, QrcodeOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Segmented,
  Select,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../shared/api';
import { type CccdParse, parseCccdQr } from '../../../shared/domain/cccd';
import { searchProcedures } from '../../../shared/domain/search';
import { useAttempt, useErrorText, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { readAsUpload } from '../util/files';
import { DateField, dateRule } from '../util/DateField';
import { navigate } from '../util/route';
import { type ApplicantValues, fromQr, toApplicant } from './applicantForm';
import { ProcedureCard } from './ProcedureCard';
import { ProcedureLabel } from './ProcedureLabel';
import { useReceivers } from './useReceivers';
import { useScannerBurst } from './useScannerBurst';

interface Values extends ApplicantValues {
  procedureCode: string;
}

interface ProcedureOption {
  value: string;
  label: ReactNode;
}

/** What the last QR said: the person was filled (with warnings), or why not. */
type QrSource = 'scanner' | 'image' | 'paste';
const QR_FILLED = {
  scanner: 'desk.qr.filledScanner',
  image: 'desk.qr.filledImage',
  paste: 'desk.qr.filledPaste',
} as const;
type QrState = { parse: CccdParse; source: QrSource } | { none: true } | null;

/**
 * Tiếp nhận — the counter's first screen: the procedure (by code or words, no
 * diacritics needed), then the applicant, typed or filled from the CCCD QR by a
 * barcode reader or from a card image. Everything works from the keyboard:
 * type to search, Tab between fields, Enter to create.
 */
export function ReceptionForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const errorText = useErrorText();
  const attempt = useAttempt();
  const catalog = useQuery('catalog.list', {});
  const receivers = useReceivers();
  const [form] = Form.useForm<Values>();
  const [creating, setCreating] = useState(false);
  const [qr, setQr] = useState<QrState>(null);
  const [reading, setReading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const chosenCode = Form.useWatch('procedureCode', form);
  const kind = Form.useWatch('kind', form) ?? 'person';
  const [search, setSearch] = useState('');

  const options = useMemo<ProcedureOption[]>(
    () =>
      searchProcedures(catalog.data ?? [], search).map((p) => ({
        value: p.code,
        label: <ProcedureLabel procedure={p} agencies={receivers?.(p.code)} />,
      })),
    [catalog.data, search, receivers],
  );
  const chosen: Procedure | undefined = catalog.data?.find((p) => p.code === chosenCode);

  const applyQr = (parse: CccdParse, source: QrSource) => {
    setQr({ parse, source });
    if (parse.ok) form.setFieldsValue(fromQr(parse));
  };

  useScannerBurst((burst) => {
    // The first keys of the burst reached a field before it was recognised: put that field back.
    const id = burst.target?.id;
    if (id === 'procedureCode') setSearch('');
    else if (id === 'phone' || id === 'email' || id === 'representative' || id === 'taxCode') {
      form.setFieldValue(id, burst.valueBefore);
      // The leaked keys started a validation; validate the restored value so its verdict wins.
      window.setTimeout(() => void form.validateFields([id]).catch(() => {}), 0);
    }
    applyQr(parseCccdQr(burst.text), 'scanner');
  });

  const readImage = async (file: File) => {
    setReading(true);
    await attempt(async () => {
      const upload = await readAsUpload(file);
      const { texts } = await client.call('reception.readQr', { file: upload });
      const parses = texts.map((x) => parseCccdQr(x));
      const good = parses.find((p) => p.ok);
      if (good) applyQr(good, 'image');
      else if (parses[0]) applyQr(parses[0], 'image');
      else setQr({ none: true });
    });
    setReading(false);
  };

  const create = async (values: Values) => {
    setCreating(true);
    await attempt(async () => {
      const applicant = toApplicant(values);
      const draft = await client.call('dossier.create', {
        procedureCode: values.procedureCode,
        applicantName: applicant.name,
      });
      const dossier = await client.call('reception.setApplicant', { dossierId: draft.id, applicant });
      message.success(t('reception.created', { name: dossier.applicantName }));
      form.resetFields();
      setQr(null);
      navigate({ place: 'dossiers', dossierId: dossier.id });
    });
    setCreating(false);
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={t('reception.title')}>
          <Typography.Paragraph type="secondary">{t('desk.intro')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={create}
            requiredMark="optional"
            disabled={creating}
            initialValues={{ kind: 'person' }}
          >
            <Form.Item
              name="procedureCode"
              label={t('reception.procedure')}
              rules={[{ required: true, message: t('reception.procedureRequired') }]}
            >
              <Select<string, ProcedureOption>
                data-testid="procedure-select"
                size="large"
                // No clear button: it is a tab stop between the procedure and the applicant (typing replaces the choice).
                autoFocus
                loading={catalog.loading}
                placeholder={t('reception.procedurePlaceholder')}
                options={options}
                showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
                onChange={() => setSearch('')}
                notFoundContent={
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      catalog.data?.length === 0 ? t('reception.catalogEmpty') : t('reception.noProcedure')
                    }
                  />
                }
              />
            </Form.Item>
            {/* One tab stop (the chosen kind; arrows switch it): procedure → kind → ID number in 2 Tabs. */}
            <Form.Item name="kind" noStyle>
              <Segmented
                data-testid="applicant-kind"
                name="applicant-kind"
                tabIndex={-1}
                style={{ marginBottom: 12 }}
                options={[
                  { value: 'person', label: t('desk.person') },
                  { value: 'organisation', label: t('desk.organisation') },
                ]}
              />
            </Form.Item>
            <QrNotice state={qr} />
            {kind === 'person' && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('desk.scannerHint')}
              </Typography.Paragraph>
            )}
            <Row gutter={12}>
              {kind === 'person' ? (
                <Col xs={24} md={10}>
                  <Form.Item
                    name="idNumber"
                    label={t('desk.idNumber')}
                    rules={[{ pattern: /^\d{12}$/, message: t('desk.idNumberInvalid') }]}
                  >
                    <Input
                      data-testid="applicant-id"
                      inputMode="numeric"
                      maxLength={12}
                      autoComplete="off"
                      onPaste={(e) => {
                        // A căn cước QR pasted here (from a phone or another reader) fills the whole applicant.
                        const text = e.clipboardData.getData('text');
                        if (!text.includes('|')) return;
                        e.preventDefault();
                        applyQr(parseCccdQr(text), 'paste');
                      }}
                    />
                  </Form.Item>
                </Col>
              ) : (
                <Col xs={24} md={10}>
                  <Form.Item
                    name="taxCode"
                    label={t('desk.taxCode')}
                    rules={[{ pattern: /^\d{10}(-\d{3})?$/, message: t('desk.taxCodeInvalid') }]}
                  >
                    <Input data-testid="applicant-tax-code" maxLength={14} autoComplete="off" />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={14}>
                <Form.Item
                  name="applicantName"
                  label={kind === 'person' ? t('reception.applicant') : t('desk.organisationName')}
                  rules={[{ required: true, whitespace: true, message: t('reception.applicantRequired') }]}
                >
                  <Input
                    data-testid="applicant-name"
                    size="large"
                    maxLength={300}
                    autoComplete="off"
                    placeholder={t('reception.applicantPlaceholder')}
                  />
                </Form.Item>
              </Col>
              {kind === 'person' ? (
                <>
                  <Col xs={12} md={7}>
                    <Form.Item
                      name="birthDate"
                      label={t('desk.birthDate')}
                      rules={[dateRule(t('common.dateInvalid'))]}
                    >
                      <DateField data-testid="applicant-birth-date" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={7}>
                    <Form.Item name="gender" label={t('desk.gender')}>
                      <Select
                        data-testid="applicant-gender"
                        allowClear
                        options={[
                          { value: 'male', label: t('desk.male') },
                          { value: 'female', label: t('desk.female') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                </>
              ) : (
                <Col xs={24} md={14}>
                  <Form.Item name="representative" label={t('desk.representative')}>
                    <Input data-testid="applicant-representative" maxLength={200} autoComplete="off" />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={10}>
                <Form.Item name="phone" label={t('desk.phone')}>
                  <Input data-testid="applicant-phone" maxLength={40} inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="address" label={t('desk.address')}>
                  <Input data-testid="applicant-address" maxLength={400} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item
                  name="email"
                  label={t('desk.email')}
                  rules={[{ type: 'email', message: t('desk.emailInvalid') }]}
                >
                  <Input data-testid="applicant-email" maxLength={200} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            {/* The card-image button after the fields: the Tab path from the procedure to the ID stays short. */}
            <Flex align="center" wrap gap={8}>
              <Button
                data-testid="create-dossier"
                type="primary"
                size="large"
                htmlType="submit"
                icon={<FileAddOutlined />}
                loading={creating}
              >
                {t('reception.create')}
              </Button>
              <Button
                icon={<QrcodeOutlined />}
                loading={reading}
                data-testid="qr-image"
                onClick={() => fileInput.current?.click()}
              >
                {t('desk.qrFromImage')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept="image/*"
                style={{ display: 'none' }}
                data-testid="qr-image-input"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void readImage(f);
                }}
              />
            </Flex>
          </Form>
          {catalog.error && (
            <Typography.Paragraph type="danger" style={{ marginTop: 16 }}>
              {errorText(catalog.error)}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        {chosen ? (
          <ProcedureCard procedure={chosen} />
        ) : (
          <Card>
            <Empty description={t('reception.chooseHint')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function QrNotice({ state }: { state: QrState }) {
  const { t } = useTranslation();
  if (!state) return null;
  if ('none' in state)
    return (
      <Alert
        data-testid="qr-notice"
        type="warning"
        showIcon
        title={t('desk.qr.none')}
        style={{ marginBottom: 12 }}
      />
    );
  const { parse } = state;
  if (!parse.ok)
    return (
      <Alert
        data-testid="qr-notice"
        type="error"
        showIcon
        title={t(`desk.qr.${parse.error.code}`, parse.error.params)}
        style={{ marginBottom: 12 }}
      />
    );
  return (
    <Alert
      data-testid="qr-notice"
      type={parse.warnings.length ? 'warning' : 'success'}
      showIcon
      title={t(QR_FILLED[state.source])}
      description={
        parse.warnings.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {parse.warnings.map((w) => (
              <li key={w.code}>{t(`desk.qr.${w.code}`, w.params)}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
