import { Form } from 'antd';
import { useState } from 'react';
import { type AttemptOptions, useAttempt } from '../api/hooks';

/**
 * The account dialogs' form: `submit(call, options)` runs the call with its
 * Vietnamese error or success message; when it succeeds, the form is emptied
 * and `onDone` closes the dialog. `busy` is true meanwhile.
 */
export function useFormDialog<V extends object>(onDone: () => void) {
  const attempt = useAttempt();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const submit = async <T>(call: () => Promise<T>, options?: AttemptOptions<T>): Promise<void> => {
    setBusy(true);
    const ok = await attempt(call, options);
    setBusy(false);
    if (ok) {
      form.resetFields();
      onDone();
    }
  };
  return { form, busy, submit };
}
