/** Needs review as the screens and the command line show it. */
import { valueInWords, type ReviewItem } from '../../../shared/team';
import type { ReadHandle } from '../plan/handles';
import { parseAddress } from './addresses';
import { describeCell } from './review-words';
import { readReviews } from './team-records';

export function listReviews(h: ReadHandle): ReviewItem[] {
  return readReviews(h).map((review) => ({
    id: review.cell,
    ...describeCell(parseAddress(review.cell), h),
    choices: review.choices.map(({ value, text, by, at }) => ({ value, text, by, at })),
    shown: { value: review.shown, text: valueInWords(review.shown) },
    refusal: review.refusal,
    noticedAt: review.noticedAt,
  }));
}
