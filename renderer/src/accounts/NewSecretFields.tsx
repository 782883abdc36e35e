import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccountRules } from './rules';

/**
 * A new password (or PIN) typed twice, as every account form asks for it: the
 * field `name`, then `repeat` that must match it. `testId` names both inputs
 * (`<testId>`, then the repeat's own `repeatTestId`) for the e2e tests.
 */
export function NewSecretFields({
  name,
  label,
  pin = false,
  testId,
  repeatTestId,
}: {
  name: string;
  label: string;
  pin?: boolean;
  testId?: string;
  repeatTestId?: string;
}) {
  const { t } = useTranslation();
  const rules = useAccountRules();
  const input = pin ? { inputMode: 'numeric' as const, maxLength: 8 } : { autoComplete: 'new-password' };
  return (
    <>
      <Form.Item name={name} label={label} rules={pin ? rules.pin : rules.password}>
        <Input.Password {...input} data-testid={testId} />
      </Form.Item>
      <Form.Item
        name="repeat"
        label={t(pin ? 'accounts.repeatPin' : 'accounts.repeatPassword')}
        dependencies={[name]}
        rules={rules.repeat(name)}
      >
        <Input.Password {...input} data-testid={repeatTestId} />
      </Form.Item>
    </>
  );
}
