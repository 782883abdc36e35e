import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The form rules of a new account, as the contract checks them (shared/api/rooms/accounts.ts). */
export function useAccountRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      username: [
        { required: true, message: t('accounts.usernameRequired') },
        { pattern: /^\s*[A-Za-z0-9._-]{2,40}\s*$/, message: t('accounts.usernameFormat') },
      ] satisfies FormRule[],
      name: [
        { required: true, min: 2, whitespace: true, message: t('accounts.nameRequired') },
      ] satisfies FormRule[],
      password: [
        { required: true, message: t('accounts.passwordRequired') },
        { min: 8, message: t('accounts.passwordShort') },
      ] satisfies FormRule[],
      repeat: (field: string): FormRule[] => [
        { required: true, message: t('accounts.repeatRequired') },
        ({ getFieldValue }) => ({
          validator: (_r, value) =>
            !value || getFieldValue(field) === value
              ? Promise.resolve()
              : Promise.reject(new Error(t('accounts.repeatMismatch'))),
        }),
      ],
      pin: [{ required: true, pattern: /^\d{4,8}$/, message: t('accounts.pinFormat') }] satisfies FormRule[],
    }),
    [t],
  );
}
