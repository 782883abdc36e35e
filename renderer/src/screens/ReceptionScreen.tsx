import { ReceptionForm } from '../reception/ReceptionForm';

/** The counter's first screen; the reception room builds it (renderer/src/reception). */
export function ReceptionScreen() {
  return <ReceptionForm />;
}
