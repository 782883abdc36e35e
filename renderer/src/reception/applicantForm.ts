import type { Applicant } from '../../../shared/api';
import type { CccdParse } from '../../../shared/domain/cccd';

/** The reception form's fields; person and organisation share name, address, phone and email. */
export interface ApplicantValues {
  kind: 'person' | 'organisation';
  idNumber?: string;
  applicantName: string;
  birthDate?: string;
  gender?: 'male' | 'female';
  address?: string;
  phone?: string;
  email?: string;
  taxCode?: string;
  representative?: string;
}

const opt = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : undefined;
};

/** Only what the receipt and the portal need (Decree 13/2023: collect no more). */
export function toApplicant(v: ApplicantValues): Applicant {
  const common = {
    name: v.applicantName.trim(),
    address: opt(v.address),
    phone: opt(v.phone),
    email: opt(v.email),
  };
  if (v.kind === 'organisation')
    return {
      kind: 'organisation',
      ...common,
      taxCode: opt(v.taxCode),
      representative: opt(v.representative),
    };
  return {
    kind: 'person',
    ...common,
    idNumber: opt(v.idNumber),
    birthDate: opt(v.birthDate),
    gender: v.gender,
  };
}

/** Form values from a good CCCD QR. */
export function fromQr(parsed: Extract<CccdParse, { ok: true }>): Partial<ApplicantValues> {
  const p = parsed.person;
  return {
    kind: 'person',
    idNumber: p.idNumber,
    applicantName: p.name,
    birthDate: p.birthDate,
    gender: p.gender ?? undefined,
    address: p.address ?? undefined,
  };
}
