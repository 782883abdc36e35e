import { z } from 'zod';
import { StationError } from '../errors';

/** The highest charge one line of the postal price table may hold (đồng). */
export const POSTAL_PRICE_MAX = 10_000_000;

/** The lines of the table, with the names the Settings card gives them. */
export const POSTAL_PRICE_LINES = {
  pickupVnd: 'Cước thu gom hồ sơ',
  returnVnd: 'Cước chuyển trả kết quả',
} as const;
type Line = keyof typeof POSTAL_PRICE_LINES;

/** Why one amount is refused: the error names the line and what to enter instead. */
export function postalPriceRefusal(field: Line, value: unknown): StationError {
  const params = { line: POSTAL_PRICE_LINES[field], field };
  if (value === undefined || value === null || value === '')
    return new StationError('postal_price_missing', params);
  if (typeof value === 'number' && value < 0)
    return new StationError('postal_price_negative', { ...params, value });
  return new StationError('postal_price_invalid', {
    ...params,
    value: typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value),
    max: POSTAL_PRICE_MAX,
  });
}

/**
 * One amount of the table: a whole number of đồng from 0. A refused amount carries its own
 * StationError (`params.refuse`), which the dispatcher throws instead of a bare invalid_request.
 */
function amount(field: Line) {
  return z.custom<number>(
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= POSTAL_PRICE_MAX,
    { params: { refuse: (value: unknown) => postalPriceRefusal(field, value) } },
  );
}

/** Bảng cước bưu chính (đồng): collecting the dossier at home, returning the result by post. */
export const PostalPrices = z.object({ pickupVnd: amount('pickupVnd'), returnVnd: amount('returnVnd') });
export type PostalPrices = z.infer<typeof PostalPrices>;
