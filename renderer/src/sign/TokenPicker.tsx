import { Alert, AutoComplete, Button, Collapse, Flex, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignConfig, TokensResult } from '../../../shared/api/rooms/sign';
import { useAttempt, useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatDateTime } from '../util/format';
import { useOnlyCertificate } from './useOnlyCertificate';

/** "CN=SoHoa Test CA, O=SoHoa Test" → "SoHoa Test CA": the issuer as its name, not an X.500 string. */
export function commonNameOf(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;
}

/** Module path, tokens and their certificates; choosing one remembers it (never the PIN). */
export function TokenPicker({
  tokens,
  config,
  onConfig,
  onModule,
}: {
  tokens: TokensResult | undefined;
  config: SignConfig | undefined;
  onConfig: (c: SignConfig) => void;
  onModule: (path: string) => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const attempt = useAttempt();
  const [modulePath, setModulePath] = useState('');
  const choice = config?.choice;
  const shownModule = modulePath || tokens?.modulePath || '';
  const module = tokens?.candidates.find((c) => c.path === tokens.modulePath);
  const vendor = module && (module.training ? t('sign.trainingModule') : module.vendor);
  useOnlyCertificate(tokens, config, onConfig);

  return (
    <Flex vertical gap={8} data-testid="token-picker">
      {tokens?.training && <Alert type="warning" showIcon title={t('sign.trainingToken')} />}
      <Typography.Text type="secondary" data-testid="token-module">
        {vendor ? t('sign.moduleVendor', { vendor }) : t('sign.moduleUnknown')}
      </Typography.Text>
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'module',
            label: t('sign.moduleDetails'),
            children: (
              <Flex vertical gap={4}>
                <Typography.Text strong>{t('sign.module')}</Typography.Text>
                <Space.Compact style={{ width: '100%' }}>
                  <AutoComplete
                    style={{ flex: 1 }}
                    value={shownModule}
                    aria-label={t('sign.module')}
                    placeholder={t('sign.modulePlaceholder')}
                    options={(tokens?.candidates ?? []).map((c) => ({
                      value: c.path,
                      label: `${c.vendor} — ${c.path}`,
                    }))}
                    onChange={setModulePath}
                  />
                  <Button onClick={() => onModule(shownModule)} disabled={!shownModule}>
                    {t('sign.useModule')}
                  </Button>
                </Space.Compact>
              </Flex>
            ),
          },
        ]}
      />
      <Button onClick={() => onModule(shownModule)} style={{ alignSelf: 'start' }}>
        {t('sign.refresh')}
      </Button>
      {tokens?.error && <Alert type="error" showIcon title={errorText(tokens.error)} />}
      {tokens && !tokens.error && tokens.tokens.length === 0 && (
        <Alert type="info" showIcon title={t('sign.noToken')} />
      )}
      {tokens?.tokens.map((token) => (
        <List
          key={token.serial}
          size="small"
          bordered
          header={
            <Flex gap={8} wrap>
              <Typography.Text strong>
                {t('sign.token')}: {token.tokenLabel}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('sign.tokenSerial', { serial: token.serial })}
              </Typography.Text>
              {token.pin.locked && <Tag color="error">{t('sign.pinLocked')}</Tag>}
              {!token.pin.locked && token.pin.finalTry && <Tag color="error">{t('sign.pinFinalTry')}</Tag>}
              {!token.pin.locked && !token.pin.finalTry && token.pin.countLow && (
                <Tag color="warning">{t('sign.pinCountLow')}</Tag>
              )}
            </Flex>
          }
          dataSource={token.certificates}
          renderItem={(cert) => {
            const chosen = choice?.tokenSerial === token.serial && choice.keyId === cert.keyId;
            return (
              <List.Item
                data-testid={`cert-${cert.keyId}`}
                actions={[
                  chosen ? (
                    <Tag color="success" key="chosen">
                      {t('sign.chosen')}
                    </Tag>
                  ) : (
                    <Radio
                      key="choose"
                      checked={false}
                      disabled={!!cert.problem || !cert.hasPrivateKey || !tokens.modulePath}
                      onChange={() => {
                        if (!tokens.modulePath) return;
                        const picked = {
                          modulePath: tokens.modulePath,
                          tokenSerial: token.serial,
                          tokenLabel: token.tokenLabel,
                          keyId: cert.keyId,
                          certSerialHex: cert.serialHex,
                          commonName: cert.commonName,
                        };
                        void attempt(async () => onConfig(await client.call('sign.choose', picked)));
                      }}
                    >
                      {t('sign.choose')}
                    </Radio>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {cert.commonName}
                      {cert.problem && <Tag color="error">{t(`sign.problem_${cert.problem}`)}</Tag>}
                    </Space>
                  }
                  description={
                    <>
                      <div>{t('sign.issuer', { issuer: commonNameOf(cert.issuer) })}</div>
                      <div>
                        {t('sign.validity', {
                          from: formatDateTime(cert.notBefore),
                          to: formatDateTime(cert.notAfter),
                        })}
                        {' · '}
                        {t('sign.serial', { serial: cert.serialHex })}
                      </div>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      ))}
    </Flex>
  );
}
