#!/usr/bin/env node
// Thin launcher: everything lives in the compiled sources (npm run build writes dist/).
import { main } from '../dist/main.js';

await main();
