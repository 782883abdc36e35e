import { ToolOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Honest placeholder for a place that exists in the menu but not yet in the product. */
export function NotBuiltScreen({ place }: { place: 'outbox' | 'figures' }) {
  const { t } = useTranslation();
  return (
    <Card title={t(`nav.${place}`)}>
      <Result
        icon={<ToolOutlined />}
        title={t('placeholder.notBuilt')}
        subTitle={t(`placeholder.${place}`)}
        data-testid={`not-built-${place}`}
      />
    </Card>
  );
}
