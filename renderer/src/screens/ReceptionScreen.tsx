import { ReceptionForm } from '../reception/ReceptionForm';
import { ReceptionBlock } from '../setup/SampleMarks';

/** The counter's first screen; the reception room builds it (renderer/src/reception). */
export function ReceptionScreen() {
  return (
    <>
      <ReceptionBlock />
      <ReceptionForm />
    </>
  );
}
