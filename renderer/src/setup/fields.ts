import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StationSettings } from '../../../shared/api/rooms/settings';
import type { SetupSettings } from '../../../shared/api/rooms/setup';
import { stationRange } from '../../../shared/domain/dossier-code';

/** The shipped values: a field still holding one (or marked "mẫu") is not the unit's own yet. */
const SHIPPED = StationSettings.parse({});

/** What the wizard's form steps collect (office hours as four times, like Cài đặt). */
export interface SetupValues {
  username: string;
  name: string;
  password: string;
  unitName: string;
  governingAgency: string;
  agencyCode: string;
  stationCode: string;
  hotline: string;
  lookupUrl: string;
  morningStart: string;
  morningEnd: string;
  afternoonStart: string;
  afternoonEnd: string;
}

export const INITIAL: Partial<SetupValues> = {
  stationCode: SHIPPED.stationCode,
  morningStart: SHIPPED.officeHours[0]?.start,
  morningEnd: SHIPPED.officeHours[0]?.end,
  afternoonStart: SHIPPED.officeHours[1]?.start,
  afternoonEnd: SHIPPED.officeHours[1]?.end,
};

/** The sample a field ships with, shown as its placeholder so the clerk sees the expected shape. */
export function sampleOf(
  key: 'unitName' | 'governingAgency' | 'agencyCode' | 'hotline' | 'lookupUrl',
): string {
  return SHIPPED[key];
}

export function toSettings(v: SetupValues, esclUrls: string[]): SetupSettings {
  return {
    unitName: v.unitName.trim(),
    governingAgency: v.governingAgency.trim(),
    agencyCode: v.agencyCode.trim(),
    stationCode: v.stationCode.trim(),
    hotline: v.hotline.trim(),
    lookupUrl: v.lookupUrl.trim(),
    officeHours: [
      { start: v.morningStart, end: v.morningEnd },
      { start: v.afternoonStart, end: v.afternoonEnd },
    ],
    esclUrls,
  };
}

/** The wizard's checks, as the contract and the reception gate make them. */
export function useSetupRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const notSample =
      (key: 'unitName' | 'governingAgency' | 'agencyCode' | 'hotline' | 'lookupUrl'): FormRule =>
      () => ({
        validator: (_r, value: string | undefined) =>
          !value || (value.trim() !== SHIPPED[key] && !/\(mẫu\)/i.test(value))
            ? Promise.resolve()
            : Promise.reject(new Error(t('setup.notSample'))),
      });
    const required: FormRule = { required: true, whitespace: true, message: t('setup.required') };
    return {
      text: (key: 'unitName' | 'governingAgency' | 'hotline'): FormRule[] => [required, notSample(key)],
      agencyCode: [
        required,
        { pattern: /^\s*\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\s*$/, message: t('deskSettings.agencyCodeInvalid') },
        notSample('agencyCode'),
      ] satisfies FormRule[],
      stationCode: [
        required,
        {
          validator: (_r, value: string | undefined) =>
            !value || stationRange(value.trim())
              ? Promise.resolve()
              : Promise.reject(new Error(t('deskSettings.stationInvalid'))),
        },
      ] satisfies FormRule[],
      lookupUrl: [
        required,
        { pattern: /^\s*https?:\/\/\S+\s*$/, message: t('setup.urlFormat') },
        notSample('lookupUrl'),
      ] satisfies FormRule[],
      time: [required, { pattern: /^\d{2}:\d{2}$/, message: t('setup.timeFormat') }] satisfies FormRule[],
    };
  }, [t]);
}
