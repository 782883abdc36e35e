import { Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

type SignLevel = StationSettings['signLevel'];
const LEVELS: SignLevel[] = ['auto', 'B-B', 'B-T', 'B-LT', 'B-LTA'];

/** Mức chữ ký — the `signLevel` station setting the batch signs to (auto, or a required level). */
export function SignLevelSetting() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const settings = useQuery('settings.get', {});
  const level = settings.data?.signLevel;
  return (
    <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
      <Typography.Text>{t('sign.signLevel')}</Typography.Text>
      <Select<SignLevel>
        size="small"
        style={{ minWidth: 320 }}
        value={level}
        loading={!settings.data}
        data-testid="sign-level"
        options={LEVELS.map((l) => ({
          value: l,
          label: l === 'auto' ? t('sign.signLevelAuto') : t(`sign.levelLabel.${l}`),
        }))}
        onChange={(signLevel) =>
          void attempt(async () => settings.setData(await client.call('settings.update', { signLevel })), {
            success: t('sign.saved'),
          })
        }
      />
    </Flex>
  );
}
