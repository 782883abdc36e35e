import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../shared/api';
import { SampleLabel } from '../setup/SampleMarks';

interface Props {
  procedure: Pick<Procedure, 'code' | 'name'> & { sample?: boolean };
  /** Postal station: the agencies that accept this procedure (none: the post office cannot take it). */
  agencies?: string[];
}

/**
 * A procedure in the reception picker: code and name, "mẫu" on a sample; at a postal
 * service point, the agency that receives it — or a warning that none does.
 */
export function ProcedureLabel({ procedure: p, agencies }: Props) {
  const { t } = useTranslation();
  const text = `${p.code} — ${p.name}`;
  const name = p.sample ? <SampleLabel text={text} /> : text;
  if (!agencies) return name;
  return (
    <span data-testid="procedure-option">
      {name}
      <br />
      <Typography.Text type={agencies.length ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
        {agencies.length ? t('post.agencyOf', { names: agencies.join(', ') }) : t('post.noAgency')}
      </Typography.Text>
    </span>
  );
}
