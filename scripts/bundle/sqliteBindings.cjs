// Stands in for the `bindings` package when better-sqlite3's JavaScript is bundled: loading its
// dozen small CommonJS files took 10 ms of every command's start-up. `bindings` finds the addon
// from its caller's file, which inside the bundle is dist/, so look where better-sqlite3's own
// build puts it, and otherwise let `bindings` search from the installed package, as it always did.
'use strict';
const path = require('node:path');

module.exports = function bindings(name) {
  const root = path.dirname(require.resolve('better-sqlite3/package.json'));
  try {
    return require(path.join(root, 'build', 'Release', name));
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
  }
  return require('bindings')({ bindings: name, module_root: root });
};
