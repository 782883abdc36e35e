import { Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NewSecretFields } from '../accounts/NewSecretFields';
import { useAccountRules } from '../accounts/rules';
import { sampleOf, useSetupRules } from './fields';

/** Step 1: the first administrator (there is no default password). */
export function AdminFields() {
  const { t } = useTranslation();
  const rules = useAccountRules();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('setup.adminHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="username" label={t('accounts.username')} rules={rules.username}>
            <Input autoFocus autoComplete="username" data-testid="setup-username" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('accounts.fullName')} rules={rules.name}>
            <Input autoComplete="name" data-testid="setup-name" />
          </Form.Item>
        </Col>
      </Row>
      {/* Side by side, so the step fits 1280×720. */}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
        <NewSecretFields
          name="password"
          label={t('accounts.password')}
          testId="setup-password"
          repeatTestId="setup-repeat"
        />
      </div>
    </>
  );
}

/** Step 2: the unit, its agency code (mã định danh) and this station's code. */
export function UnitFields() {
  const { t } = useTranslation();
  const rules = useSetupRules();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('setup.unitHint')}</Typography.Paragraph>
      <Form.Item name="unitName" label={t('deskSettings.unitName')} rules={rules.text('unitName')}>
        <Input autoFocus placeholder={sampleOf('unitName')} data-testid="setup-unitName" />
      </Form.Item>
      <Form.Item
        name="governingAgency"
        label={t('deskSettings.governingAgency')}
        rules={rules.text('governingAgency')}
      >
        <Input placeholder={sampleOf('governingAgency')} data-testid="setup-governingAgency" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="agencyCode" label={t('deskSettings.agencyCode')} rules={rules.agencyCode}>
            <Input placeholder={sampleOf('agencyCode')} data-testid="setup-agencyCode" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="stationCode" label={t('deskSettings.stationCode')} rules={rules.stationCode}>
            <Input data-testid="setup-stationCode" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

const TIMES = ['morningStart', 'morningEnd', 'afternoonStart', 'afternoonEnd'] as const;

/** Step 3: what the receipt prints for the citizen (hotline, look-up address) and the office hours. */
export function ContactFields() {
  const { t } = useTranslation();
  const rules = useSetupRules();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('setup.contactHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="hotline" label={t('deskSettings.hotline')} rules={rules.text('hotline')}>
            <Input autoFocus placeholder={sampleOf('hotline')} data-testid="setup-hotline" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="lookupUrl" label={t('deskSettings.lookupUrl')} rules={rules.lookupUrl}>
            <Input placeholder={sampleOf('lookupUrl')} data-testid="setup-lookupUrl" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('deskSettings.officeHours')}</Typography.Text>
      <Row gutter={12} style={{ marginTop: 8 }}>
        {TIMES.map((k) => (
          <Col span={6} key={k}>
            <Form.Item name={k} label={t(`deskSettings.${k}`)} rules={rules.time}>
              <Input inputMode="numeric" maxLength={5} data-testid={`setup-${k}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}
