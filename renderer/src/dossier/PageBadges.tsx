import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PageReview } from '../../../shared/api/rooms/imaging';

/** Light background, dark text: readable at 11 px (contrast well above 4.5:1). */
const TONES = {
  orange: { background: '#fff7e6', color: '#873800', borderColor: '#ffd591' },
  blue: { background: '#e6f4ff', color: '#003eb3', borderColor: '#91caff' },
  red: { background: '#fff1f0', color: '#a8071a', borderColor: '#ffa39e' },
  purple: { background: '#f9f0ff', color: '#391085', borderColor: '#d3adf7' },
} as const;

/** What the station found on a page, at a glance: blank, turned upright, faint text, colour kept. */
export function PageBadges({ review }: { review: PageReview | undefined }) {
  const { t } = useTranslation();
  if (!review) return null;
  const badges: { key: string; color: keyof typeof TONES; text: string; hint: string }[] = [];
  if (review.blank)
    badges.push({
      key: 'blank',
      color: 'orange',
      text: t('pages.badgeBlank'),
      hint: t('pages.badgeBlankHint'),
    });
  if (review.turned)
    badges.push({
      key: 'turned',
      color: 'blue',
      text: t('pages.badgeTurned'),
      hint: t('pages.badgeTurnedHint', { deg: review.turned }),
    });
  if (review.lowConfidence)
    badges.push({
      key: 'low-confidence',
      color: 'red',
      text: t('pages.badgeLowConfidence'),
      hint: t('pages.badgeLowConfidenceHint', { value: Math.round(review.confidence ?? 0) }),
    });
  if (review.colour)
    badges.push({
      key: 'colour',
      color: 'purple',
      text: t('pages.badgeColour'),
      hint: t('pages.badgeColourHint'),
    });
  if (badges.length === 0) return null;
  return (
    <Flex wrap gap={2} justify="center" data-testid="page-badges" style={{ marginTop: 4 }}>
      {badges.map((b) => (
        <Tooltip key={b.key} title={b.hint} mouseEnterDelay={0.3}>
          <Tag
            data-testid={`badge-${b.key}`}
            tabIndex={0}
            aria-label={`${b.text}: ${b.hint}`}
            style={{
              ...TONES[b.color],
              marginInlineEnd: 0,
              fontSize: 11,
              lineHeight: '16px',
              paddingInline: 4,
            }}
          >
            {b.text}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
