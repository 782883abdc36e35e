import type { Rating } from '../../../shared/api/rooms/feedback';
import type { Satisfaction, SatisfactionGroup } from '../../../shared/api/rooms/reports';
import { share, type Thresholds } from './figures';

const satisfied = (r: Rating) => r.level !== 'unsatisfied';

/** The share of one group's ratings, groups by name. */
function groups(ratings: Rating[], keyOf: (r: Rating) => string, t: Thresholds): SatisfactionGroup[] {
  const by = new Map<string, { yes: number; all: number }>();
  for (const r of ratings) {
    const g = by.get(keyOf(r)) ?? { yes: 0, all: 0 };
    g.all++;
    if (satisfied(r)) g.yes++;
    by.set(keyOf(r), g);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([key, g]) => ({ key, share: share(g.yes, g.all, t) }));
}

/** Mức độ hài lòng of the ratings given in a period (Decision 766/QĐ-TTg): shares, groups, the unsatisfied. */
export function satisfactionOf(ratings: Rating[], t: Thresholds): Satisfaction {
  const count = (level: Rating['level']) => ratings.filter((r) => r.level === level).length;
  return {
    share: share(ratings.filter(satisfied).length, ratings.length, t),
    counts: {
      very_satisfied: count('very_satisfied'),
      satisfied: count('satisfied'),
      unsatisfied: count('unsatisfied'),
    },
    byCounter: groups(ratings, (r) => r.counter, t),
    byClerk: groups(ratings, (r) => r.clerk ?? '—', t),
    byAgency: groups(ratings, (r) => r.agency, t),
    unsatisfied: ratings.filter((r) => !satisfied(r)),
  };
}
