import { Checkbox, Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsentGiven, ConsentRecord, DossierComponent } from '../../../shared/api/types';
import { formatDateTime as when } from '../util/format';

/** What the clerk chose: nothing yet (paper), the consent ticked at the counter, or a signed authorisation. */
export type ConsentDraft =
  { how: 'none' } | { how: 'checkbox' } | { how: 'document'; componentCode?: string };

/** The consent to send, or null for paper; undefined while a signed authorisation has no component chosen. */
export function consentOf(draft: ConsentDraft): ConsentGiven | null | undefined {
  if (draft.how === 'none') return null;
  if (draft.how === 'checkbox') return { how: 'checkbox' };
  return draft.componentCode ? { how: 'document', componentCode: draft.componentCode } : undefined;
}

/**
 * Ủy quyền nộp trực tuyến, before "Tiếp nhận": the station submits online with
 * the citizen's portal account only with their consent — ticked here (never by
 * default), or a signed authorisation scanned into a component.
 */
export function ConsentChoice({
  value,
  onChange,
  components,
}: {
  value: ConsentDraft;
  onChange: (d: ConsentDraft) => void;
  components: DossierComponent[];
}) {
  const { t } = useTranslation();
  const scanned = components.filter((c) => c.pages.length > 0);
  return (
    <Flex vertical gap={6} data-testid="consent-choice">
      <Typography.Text strong>{t('consent.title')}</Typography.Text>
      <Checkbox
        checked={value.how === 'checkbox'}
        data-testid="consent-checkbox"
        onChange={(e) => onChange(e.target.checked ? { how: 'checkbox' } : { how: 'none' })}
      >
        {t('consent.checkbox')}
      </Checkbox>
      <Flex align="center" gap={8} wrap>
        <Checkbox
          checked={value.how === 'document'}
          data-testid="consent-document"
          onChange={(e) => onChange(e.target.checked ? { how: 'document' } : { how: 'none' })}
        >
          {t('consent.document')}
        </Checkbox>
        {value.how === 'document' && (
          <Select<string>
            size="small"
            style={{ minWidth: 280 }}
            placeholder={t('consent.component')}
            data-testid="consent-component"
            value={value.componentCode}
            status={value.componentCode ? undefined : 'warning'}
            notFoundContent={t('consent.noComponent')}
            options={scanned.map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))}
            onChange={(componentCode) => onChange({ how: 'document', componentCode })}
          />
        )}
      </Flex>
      {value.how === 'none' && <Typography.Text type="secondary">{t('consent.paperHint')}</Typography.Text>}
    </Flex>
  );
}

/** The consent as recorded on a received dossier, or "Hồ sơ giấy". */
export function ConsentShown({ consent }: { consent: ConsentRecord | null | undefined }) {
  const { t } = useTranslation();
  if (!consent)
    return (
      <Tag color="default" data-testid="dossier-consent" data-state="paper">
        {t('consent.paper')}
      </Tag>
    );
  const how =
    consent.how === 'document'
      ? t('consent.shownDocument', { code: consent.componentCode ?? '' })
      : t('consent.shownCheckbox');
  return (
    <span data-testid="dossier-consent" data-state={consent.how}>
      <Tag color="green">{t('consent.online')}</Tag>
      {how}
      {' · '}
      {consent.by ? t('consent.recordedBy', { by: consent.by, at: when(consent.at) }) : when(consent.at)}
    </span>
  );
}
