export { Feedback, purgeRatingComment, type ServedBy } from './service';
export { feedbackHandlers, periodInstants } from './handlers';
export { feedbackMigrations } from './schema';
