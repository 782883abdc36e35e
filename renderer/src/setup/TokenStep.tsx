import { Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api/hooks';
import { TokenPicker } from '../sign/TokenPicker';

/** Step 5: the USB token (token ký số) and the certificate to sign with; the PIN is asked only when signing. */
export function TokenStep() {
  const { t } = useTranslation();
  const config = useQuery('sign.config.get', {});
  const [modulePath, setModulePath] = useState<string | undefined>(undefined);
  const tokens = useQuery('sign.tokens', modulePath ? { modulePath } : {});
  return (
    <Flex vertical gap={12} data-testid="setup-token" style={{ maxHeight: 330, overflow: 'auto' }}>
      <Typography.Text type="secondary">{t('setup.tokenHint')}</Typography.Text>
      <TokenPicker
        tokens={tokens.data}
        config={config.data}
        onConfig={config.setData}
        onModule={(p) => {
          setModulePath(p);
          tokens.reload();
        }}
      />
    </Flex>
  );
}
