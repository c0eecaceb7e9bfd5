// vitest globalSetup: end-to-end tests spawn bin/catalog.js, which runs the dist/ bundle; build
// it from the current sources once per test run so no test ever exercises a stale binary.
// @ts-expect-error plain ESM build script without types
import { buildCli } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await (buildCli as () => Promise<void>)();
}
