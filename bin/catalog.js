#!/usr/bin/env node
// Thin launcher: everything lives in the compiled sources (npm run build writes dist/), run
// through a V8 code cache (src/cli/launcher.ts). CommonJS (bin/package.json) because Node's ES
// module loader alone costs 10 ms of every start.
'use strict';
const path = require('node:path');

require('../dist/launcher.cjs').launch(path.join(__dirname, '..', 'dist', 'main.cjs'));
