import { ApiOutlined, CheckCircleOutlined, ExperimentOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PortalCheckResult, PortalUrl } from '../../../shared/api/rooms/portal';
import type { PublicSettingsPatch } from '../../../shared/api/rooms/settings';
import { useErrorParts, useErrorText, useEvent, useQuery, useShowError } from '../api/hooks';
import { ErrorDetail } from '../util/ErrorNotice';
import { useStation } from '../api/StationContext';
import { formatDateTime } from '../util/format';

type Mode = 'training' | 'real';

interface Fields {
  mode: Mode;
  url: string;
  stationId: string;
  secret: string;
  paymentPartner: string;
  paymentSecret: string;
}

type TestState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'ok'; result: PortalCheckResult }
  | { kind: 'failed'; message: string; error: unknown };

/**
 * Kết nối Cổng dịch vụ công: training mode (the built-in sandbox portal) or the
 * province's real portal with its address, Mã trạm and keys. Keys are write-only:
 * the engine never sends them back, the form only shows whether one is saved.
 * "Kiểm tra kết nối" logs in with what is typed, without saving.
 */
export function PortalSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const errorText = useErrorText();
  const showError = useShowError();
  const errorParts = useErrorParts();
  const settings = useQuery('settings.get', {});
  const [form] = Form.useForm<Fields>();
  const mode = Form.useWatch('mode', form) ?? 'training';
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [clear, setClear] = useState({ portal: false, payment: false });
  const s = settings.data;

  useEvent('settings.changed', (fresh) => settings.setData(fresh));

  // Refill the form only when the portal settings themselves changed (not when another card saved).
  const saved = s
    ? JSON.stringify([
        s.portalUrl,
        s.portalStationId,
        s.paymentPartner,
        s.portalSecretSet,
        s.paymentSecretSet,
      ])
    : '';
  useEffect(() => {
    if (!s) return;
    form.setFieldsValue({
      mode: s.portalUrl ? 'real' : 'training',
      url: s.portalUrl,
      stationId: s.portalStationId,
      secret: '',
      paymentPartner: s.paymentPartner,
      paymentSecret: '',
    });
    setClear({ portal: false, payment: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `saved` stands for the fields of `s` used here
  }, [saved, form]);

  const urlRule = {
    validator: (_: unknown, v: string | undefined) => {
      if (!v?.trim()) return Promise.reject(new Error(t('portalSettings.urlRequired')));
      return PortalUrl.safeParse(v).success
        ? Promise.resolve()
        : Promise.reject(new Error(t('portalSettings.urlInvalid')));
    },
  };
  /** A real portal needs a key; once one is stored, leaving the field empty keeps it, and it can be removed. */
  const keyNeeded = !s?.portalSecretSet;

  const runTest = async () => {
    let v: Pick<Fields, 'url' | 'stationId' | 'secret'>;
    try {
      v = await form.validateFields(['url', 'stationId']);
    } catch {
      return;
    }
    const secret = (form.getFieldValue('secret') as string | undefined) ?? '';
    setTest({ kind: 'running' });
    try {
      const result = await client.call('portal.check', {
        url: v.url.trim(),
        stationId: v.stationId.trim(),
        ...(secret ? { secret } : {}),
      });
      setTest({ kind: 'ok', result });
    } catch (err) {
      setTest({ kind: 'failed', message: errorText(err), error: err });
    }
  };

  const save = async (v: Fields) => {
    setSaving(true);
    try {
      const patch: PublicSettingsPatch =
        v.mode === 'training'
          ? { portalUrl: '' }
          : {
              portalUrl: PortalUrl.parse(v.url),
              portalStationId: v.stationId.trim(),
              paymentPartner: (v.paymentPartner ?? '').trim(),
              ...(v.secret ? { portalSecret: v.secret } : clear.portal ? { portalSecret: null } : {}),
              ...(v.paymentSecret
                ? { paymentSecret: v.paymentSecret }
                : clear.payment
                  ? { paymentSecret: null }
                  : {}),
            };
      const saved = await client.call('settings.update', patch);
      settings.setData(saved);
      setTest({ kind: 'idle' });
      message.success(
        v.mode === 'training'
          ? t('portalSettings.savedTraining')
          : t('portalSettings.savedReal', { url: saved.portalUrl }),
      );
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const keyState = (set: boolean | undefined, cleared: boolean, which: 'portal' | 'payment') =>
    set && !cleared ? (
      <Flex gap={8} align="center" wrap>
        <Tag color="green" icon={<CheckCircleOutlined />} data-testid={`${which}-secret-saved`}>
          {t('portalSettings.saved')}
        </Tag>
        <Typography.Text type="secondary">{t('portalSettings.keepHint')}</Typography.Text>
        <Button size="small" type="link" danger onClick={() => setClear({ ...clear, [which]: true })}>
          {t('portalSettings.clear')}
        </Button>
      </Flex>
    ) : cleared ? (
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="warning">{t('portalSettings.willClear')}</Typography.Text>
        <Button size="small" type="link" onClick={() => setClear({ ...clear, [which]: false })}>
          {t('portalSettings.undoClear')}
        </Button>
      </Flex>
    ) : (
      <Tag>{t('portalSettings.notSaved')}</Tag>
    );

  return (
    <Card
      title={t('portalSettings.title')}
      data-testid="portal-settings"
      extra={
        s &&
        (s.portalUrl ? (
          <Tag color="blue" icon={<ApiOutlined />}>
            {t('portalSettings.currentReal', { url: s.portalUrl })}
          </Tag>
        ) : (
          <Tag color="orange" icon={<ExperimentOutlined />}>
            {t('portalSettings.currentTraining')}
          </Tag>
        ))
      }
    >
      <Typography.Paragraph type="secondary">{t('portalSettings.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving || !s}
        initialValues={{ mode: 'training' }}
        onValuesChange={(changed: Partial<Fields>) => {
          if ('url' in changed || 'stationId' in changed || 'secret' in changed) setTest({ kind: 'idle' });
        }}
      >
        <Form.Item name="mode" label={t('portalSettings.mode')}>
          <Radio.Group
            data-testid="portal-mode"
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'training', label: t('portalSettings.modeTraining') },
              { value: 'real', label: t('portalSettings.modeReal') },
            ]}
          />
        </Form.Item>
        {mode === 'training' ? (
          <Alert
            type="warning"
            showIcon
            icon={<ExperimentOutlined />}
            title={t('portalSettings.trainingNote')}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Row gutter={12}>
            <Col xs={24} md={16}>
              <Form.Item
                name="url"
                label={t('portalSettings.url')}
                rules={[{ required: true, message: t('portalSettings.urlRequired') }, urlRule]}
                validateFirst
              >
                <Input
                  placeholder={t('portalSettings.urlPlaceholder')}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="portal-url"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="stationId"
                label={t('portalSettings.stationId')}
                rules={[{ required: true, whitespace: true, message: t('portalSettings.stationIdRequired') }]}
              >
                <Input autoComplete="off" spellCheck={false} data-testid="portal-station-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="secret"
                label={t('portalSettings.secret')}
                extra={keyState(s?.portalSecretSet, clear.portal, 'portal')}
                rules={[{ required: keyNeeded, message: t('portalSettings.secretRequired') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="portal-secret" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} />
            <Col xs={24} md={12}>
              <Form.Item name="paymentPartner" label={t('portalSettings.paymentPartner')}>
                <Input autoComplete="off" data-testid="payment-partner" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="paymentSecret"
                label={t('portalSettings.paymentSecret')}
                extra={keyState(s?.paymentSecretSet, clear.payment, 'payment')}
              >
                <Input.Password autoComplete="new-password" data-testid="payment-secret" />
              </Form.Item>
            </Col>
          </Row>
        )}
        {mode === 'real' && test.kind === 'ok' && (
          <Alert
            type="success"
            showIcon
            data-testid="portal-test-result"
            style={{ marginBottom: 16 }}
            title={t('portalSettings.testOk', {
              ms: test.result.latencyMs,
              until: formatDateTime(test.result.sessionExpiresAt),
            })}
            description={test.result.usedStoredSecret ? t('portalSettings.testOkStored') : undefined}
          />
        )}
        {mode === 'real' && test.kind === 'failed' && (
          <Alert
            type="error"
            showIcon
            data-testid="portal-test-result"
            style={{ marginBottom: 16 }}
            title={t('portalSettings.testFailed')}
            description={
              <>
                {test.message}
                <ErrorDetail detail={errorParts(test.error).detail} />
              </>
            }
          />
        )}
        <Flex gap={8} wrap align="center">
          {mode === 'real' && (
            <Button
              icon={<ApiOutlined />}
              onClick={() => void runTest()}
              loading={test.kind === 'running'}
              data-testid="portal-test"
            >
              {t('portalSettings.test')}
            </Button>
          )}
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={saving}
            data-testid="portal-save"
          >
            {t('portalSettings.save')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 12, marginBottom: 0 }}>
          {t('portalSettings.storage')}
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
