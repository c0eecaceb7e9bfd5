#!/usr/bin/env node
// Thin launcher: everything lives in the compiled sources (npm run build writes dist/).
import { main } from '../dist/cli/main.js';

await main();
