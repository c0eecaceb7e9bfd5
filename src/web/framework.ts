// The HTTP framework and its plugins, in one place: scripts/build.mjs bundles this file apart
// (dist/vendor/web.cjs), so only `catalog serve` reads and compiles them; every other command's
// start-up stays as it was.
export { fastify, LogController } from 'fastify';
export type { FastifyInstance, FastifyReply, FastifyRequest, FastifyError, FastifyBaseLogger } from 'fastify';
export { default as fastifyStatic } from '@fastify/static';
export { default as fastifyHelmet } from '@fastify/helmet';
export { default as fastifyCompress } from '@fastify/compress';
export { default as fastifyRateLimit } from '@fastify/rate-limit';
