/**
 * zod compiles fast parsers with `new Function`, which the page's CSP forbids (and
 * the probe logs a CSP violation). This must run before any schema is built, so
 * main.tsx imports it first.
 */
import { z } from 'zod';

z.config({ jitless: true });
