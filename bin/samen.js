#!/usr/bin/env node
// The `samen` command. TypeScript sources run through tsx's loader, so a fresh checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
