import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Row, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../shared/api';
import { useErrorText, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { navigate } from '../util/route';
import { matchesWords } from '../util/text';
import { ProcedureDetails } from './ProcedureDetails';

interface Values {
  procedureCode: string;
  applicantName: string;
}

interface ProcedureOption {
  value: string;
  label: string;
  search: string;
}

export function ReceptionScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const errorText = useErrorText();
  const catalog = useQuery('catalog.list', {});
  const [form] = Form.useForm<Values>();
  const [creating, setCreating] = useState(false);
  const chosenCode = Form.useWatch('procedureCode', form);

  const options = useMemo<ProcedureOption[]>(
    () =>
      (catalog.data ?? []).map((p) => ({
        value: p.code,
        label: `${p.code} — ${p.name}`,
        search: `${p.code} ${p.name} ${p.field} ${p.agency}`,
      })),
    [catalog.data],
  );
  const chosen: Procedure | undefined = catalog.data?.find((p) => p.code === chosenCode);

  const create = async (values: Values) => {
    setCreating(true);
    try {
      const dossier = await client.call('dossier.create', {
        procedureCode: values.procedureCode,
        applicantName: values.applicantName.trim(),
      });
      message.success(t('reception.created', { name: dossier.applicantName }));
      form.resetFields();
      navigate({ place: 'dossiers', dossierId: dossier.id });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={t('reception.title')}>
          <Typography.Paragraph type="secondary">{t('reception.intro')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={create} requiredMark="optional" disabled={creating}>
            <Form.Item
              name="procedureCode"
              label={t('reception.procedure')}
              rules={[{ required: true, message: t('reception.procedureRequired') }]}
            >
              <Select<string, ProcedureOption>
                data-testid="procedure-select"
                size="large"
                allowClear
                loading={catalog.loading}
                placeholder={t('reception.procedurePlaceholder')}
                options={options}
                showSearch={{
                  filterOption: (input, option) => !!option && matchesWords(input, option.search),
                }}
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
            <Form.Item
              name="applicantName"
              label={t('reception.applicant')}
              rules={[{ required: true, whitespace: true, message: t('reception.applicantRequired') }]}
            >
              <Input
                data-testid="applicant-name"
                size="large"
                maxLength={200}
                autoComplete="off"
                placeholder={t('reception.applicantPlaceholder')}
              />
            </Form.Item>
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
          <ProcedureDetails procedure={chosen} />
        ) : (
          <Card>
            <Empty description={t('reception.chooseHint')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
