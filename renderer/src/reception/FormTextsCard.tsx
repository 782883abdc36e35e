import { Alert, Button, Card, Flex, Input, Radio, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormTextsView } from '../../../shared/api/rooms/reception';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { ErrorNotice } from '../util/ErrorNotice';

type Part = FormTextsView['parts'][number];
type Drafts = Record<string, Record<string, string>>;

/** The first `{…}` (or lone brace) of `value` the station does not fill for this text, else null. */
export function unknownFill(value: string, known: string[]): string | null {
  for (const [token] of value.matchAll(/\{+[^{}]*\}+|[{}]/g)) {
    const name = /^\{(\w+)\}$/.exec(token)?.[1];
    if (!name || !known.includes(name)) return token;
  }
  return null;
}

/**
 * Lời văn các mẫu phiếu: every text the one-stop forms print (resources/forms/forms.vi.json),
 * editable by the administrator; a text left empty goes back to the shipped wording. A fill-in
 * the station does not know for that text is caught here and again by the engine.
 */
export function FormTextsCard() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const texts = useQuery('reception.formTexts', {});
  const [drafts, setDrafts] = useState<Drafts>({});
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => setDrafts({}), [texts.data]);

  const valueOf = (part: string, key: string, current: string) => drafts[part]?.[key] ?? current;
  const edit = (part: string, key: string, value: string) =>
    setDrafts((d) => ({ ...d, [part]: { ...(d[part] ?? {}), [key]: value } }));
  const problems = (texts.data?.parts ?? []).flatMap((p) =>
    p.texts.flatMap((x) => {
      const token = unknownFill(valueOf(p.part, x.key, x.value), x.placeholders);
      return token ? [{ part: p.part, key: x.key, token }] : [];
    }),
  );
  const changes: Drafts = {};
  for (const p of texts.data?.parts ?? [])
    for (const x of p.texts) {
      const v = drafts[p.part]?.[x.key];
      if (v !== undefined && v !== x.value) changes[p.part] = { ...(changes[p.part] ?? {}), [x.key]: v };
    }
  const dirty = Object.keys(changes).length > 0;

  const save = async () => {
    setSaving(true);
    await attempt(async () => texts.setData(await client.call('reception.setFormTexts', { changes })), {
      success: t('formEdit.saved'),
    });
    setSaving(false);
  };

  const label = (p: Part) =>
    p.part === 'common'
      ? t('formEdit.common')
      : p.part === 'post'
        ? t('formEdit.post')
        : t('formEdit.station', { part: p.part });
  const fills = (list: string[]) =>
    list.length ? t('formEdit.fills', { list: list.map((k) => `{${k}}`).join(', ') }) : t('formEdit.noFills');

  const body = (p: Part) => (
    <Flex vertical gap={12} data-testid={`form-texts-${p.part}`}>
      {(p.number || p.title) && (
        <Typography.Text strong>{[p.number, p.title].filter(Boolean).join(' — ')}</Typography.Text>
      )}
      {p.texts.map((x) => {
        const value = valueOf(p.part, x.key, x.value);
        const token = unknownFill(value, x.placeholders);
        const edited = value !== x.shipped && value.trim() !== '';
        return (
          <Flex vertical gap={2} key={x.key}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 6 }}
              value={value}
              status={token ? 'error' : undefined}
              aria-label={x.shipped.slice(0, 80)}
              data-testid={`form-text-${p.part}-${x.key}`}
              onChange={(e) => edit(p.part, x.key, e.target.value)}
            />
            <Flex gap={8} wrap align="center">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fills(x.placeholders)}
              </Typography.Text>
              {edited && <Tag color="blue">{t('formEdit.changed')}</Tag>}
              {edited && (
                <Button size="small" type="link" onClick={() => edit(p.part, x.key, x.shipped)}>
                  {t('formEdit.reset')}
                </Button>
              )}
            </Flex>
            {edited && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('formEdit.shipped', { text: x.shipped })}
              </Typography.Text>
            )}
            {token && (
              <Typography.Text type="danger" data-testid="form-text-problem">
                {t('formEdit.unknownFill', {
                  token,
                  list: x.placeholders.map((k) => `{${k}}`).join(', ') || '—',
                })}
              </Typography.Text>
            )}
          </Flex>
        );
      })}
    </Flex>
  );

  return (
    <Card title={t('formEdit.title')} data-testid="form-texts-card">
      <Typography.Paragraph>{t('formEdit.hint')}</Typography.Paragraph>
      {texts.error && <ErrorNotice error={texts.error} style={{}} />}
      {texts.data && (
        <>
          <Typography.Paragraph type="secondary" data-testid="form-texts-basis">
            {t('formEdit.basis')}: {texts.data.basis}
          </Typography.Paragraph>
          {/* One form at a time, picked from a row that wraps (tabs would hide some behind an unnamed "more"). */}
          <Radio.Group
            optionType="button"
            aria-label={t('formEdit.title')}
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4, marginBottom: 12 }}
            value={shown ?? texts.data.parts[0]?.part}
            onChange={(e) => setShown(e.target.value as string)}
            options={texts.data.parts.map((p) => ({
              value: p.part,
              label: <span data-testid={`form-texts-tab-${p.part}`}>{label(p)}</span>,
            }))}
          />
          {texts.data.parts
            .filter((p) => p.part === (shown ?? texts.data!.parts[0]?.part))
            .map((p) => (
              <div key={p.part}>{body(p)}</div>
            ))}
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('formEdit.unknownFill', {
                token: problems[0]!.token,
                list:
                  texts.data.parts
                    .find((p) => p.part === problems[0]!.part)
                    ?.texts.find((x) => x.key === problems[0]!.key)
                    ?.placeholders.map((k) => `{${k}}`)
                    .join(', ') || '—',
              })}
            />
          )}
          <Button
            type="primary"
            loading={saving}
            disabled={!dirty || problems.length > 0}
            onClick={() => void save()}
            data-testid="form-texts-save"
          >
            {t('formEdit.save')}
          </Button>
        </>
      )}
    </Card>
  );
}
