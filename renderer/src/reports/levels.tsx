import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ColourLevel } from '../../../shared/api/rooms/reports';

/** The colours of the index's dashboards (Decision 766/QĐ-TTg); grey when there is nothing to count. */
export const LEVEL_COLOUR: Record<ColourLevel, { bg: string; fg: string }> = {
  dark_green: { bg: '#1b5e20', fg: '#ffffff' },
  green: { bg: '#43a047', fg: '#ffffff' },
  yellow: { bg: '#fdd835', fg: '#3e2f00' },
  orange: { bg: '#fb8c00', fg: '#ffffff' },
  red: { bg: '#e53935', fg: '#ffffff' },
  no_data: { bg: '#d9d9d9', fg: '#595959' },
};

export function LevelTag({ level }: { level: ColourLevel }) {
  const { t } = useTranslation();
  const c = LEVEL_COLOUR[level];
  return (
    <Tag
      style={{ background: c.bg, color: c.fg, border: 'none', fontWeight: 600 }}
      data-testid="level-tag"
      data-level={level}
    >
      {t(`figures.level.${level}`)}
    </Tag>
  );
}
