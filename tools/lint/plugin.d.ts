/** Types for tools/lint/plugin.js (plain JS, loaded by eslint.config.js without a build step). */
import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & {
  rules: Record<'no-dev-tools' | 'engine-rooms' | 'allowed-packages', Rule.RuleModule>;
};
export default plugin;
