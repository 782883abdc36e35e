#!/usr/bin/env node
// The `sohoa` command: runs the TypeScript CLI directly through tsx, so it works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
