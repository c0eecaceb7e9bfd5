import { createHash } from 'node:crypto';
import { formatBytes } from '../../domain/bytes.js';
import { ABANDONED_STAGING_MS, SETTLED_CONTENT_MS, StoredFileMissing } from '../../storage/fileStore.js';
import type { FileStore } from '../../storage/fileStore.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';
import type { DoctorCheck } from '../doctor.js';
import { materialFiles } from './materialFiles.js';

/** Without `--verify-files`, `doctor` hashes a random sample of the stored files up to this many bytes. */
export const SAMPLE_HASH_BYTES = 256 * 1024 * 1024;

/** How many paths or ids a check's detail names; `items` (in --json) has them all. */
const NAMED = 5;

type Problem = { materialIds: string[]; sha256: string; what: string };

/**
 * `catalog doctor` on the materials store, against the database: every file a material uses is
 * there at its recorded size (and a sample, or with `verifyFiles` every one, has its SHA-256);
 * stored files no material uses; uploads a stopped process left in the staging area.
 */
export async function materialStorageChecks(ctx: CatalogContext, options: { verifyFiles?: boolean } = {}): Promise<DoctorCheck[]> {
  const files = materialFiles(ctx.config);
  // The folder first, then the database: a file an upload stores meanwhile is either not listed
  // yet, or recorded by the time the records are read, or too recent to be called an orphan.
  const inventory = await files.inventory();
  const records = new MaterialStore(ctx.db).storedFiles();
  const stored = new Map(inventory.contents.map((content) => [content.sha256, content]));

  const missing: Problem[] = [];
  const damaged: Problem[] = [];
  const present: typeof records = [];
  for (const record of records) {
    const content = stored.get(record.sha256);
    // Not listed: added after the listing was taken, or really gone.
    if (!content && !(await files.has(record.sha256))) missing.push({ ...record, what: 'missing' });
    else if (content && content.bytes !== record.bytes)
      damaged.push({ ...record, what: `${formatBytes(content.bytes)} instead of ${formatBytes(record.bytes)}` });
    else present.push(record);
  }
  const toHash = options.verifyFiles ? present : sample(present, SAMPLE_HASH_BYTES);
  for (const record of toHash) {
    const actual = await digest(files, record.sha256);
    if (actual === null) missing.push({ ...record, what: 'missing' });
    else if (actual !== record.sha256) damaged.push({ ...record, what: `its SHA-256 is ${actual}` });
  }
  const known = new Set(records.map((record) => record.sha256));
  const orphans = [];
  for (const content of inventory.contents)
    if (content.settled && !known.has(content.sha256) && (await files.has(content.sha256))) orphans.push(content);
  const recent = inventory.contents.filter((content) => !content.settled && !known.has(content.sha256)).length;

  return [
    filesCheck(files, records, missing, damaged, toHash, options.verifyFiles === true),
    orphansCheck(orphans, inventory.strays, recent),
    stagingCheck(inventory.staging),
  ];
}

function filesCheck(
  files: FileStore,
  records: { bytes: number }[],
  missing: Problem[],
  damaged: Problem[],
  hashed: { bytes: number }[],
  everyOne: boolean,
): DoctorCheck {
  const total = records.reduce((sum, record) => sum + record.bytes, 0);
  if (!records.length) return { name: 'material files', status: 'ok', detail: `none stored yet (${files.location})` };
  const problems = [...missing, ...damaged];
  if (problems.length) {
    const named = problems.map((p) => `${p.materialIds.join(', ') || 'no material'}: ${p.sha256.slice(0, 12)}… ${p.what}`);
    return {
      name: 'material files',
      status: 'fail',
      detail: `${missing.length} missing and ${damaged.length} damaged of ${records.length} files in ${files.location}: ${named.slice(0, NAMED).join('; ')}${named.length > NAMED ? '; …' : ''}`,
      hint: 'students cannot get these: restore the materials folder from a backup, or add each file again (`catalog material add <course-id> <file>`) and remove the broken material (`catalog material remove <material-id> --yes`)',
      items: named,
    };
  }
  const hashedBytes = hashed.reduce((sum, record) => sum + record.bytes, 0);
  const how = everyOne ? 'every one' : 'a random sample; `catalog doctor --verify-files` hashes every one';
  return {
    name: 'material files',
    status: 'ok',
    detail: `${records.length} files (${formatBytes(total)}) in ${files.location}, each at its recorded size; ${hashed.length} SHA-256 checked (${formatBytes(hashedBytes)}, ${how})`,
  };
}

function orphansCheck(orphans: { location: string; bytes: number }[], strays: string[], recent: number): DoctorCheck {
  const justStored = recent
    ? `; ${recent} stored in the last ${SETTLED_CONTENT_MS / 60_000} minutes and not recorded (yet: an upload finishing?)`
    : '';
  if (!orphans.length && !strays.length) return { name: 'orphan files', status: 'ok', detail: `none${justStored}` };
  const bytes = orphans.reduce((sum, orphan) => sum + orphan.bytes, 0);
  const parts = [
    ...(orphans.length ? [`${orphans.length} stored file(s) no material uses (${formatBytes(bytes)})`] : []),
    ...(strays.length ? [`${strays.length} entr${strays.length === 1 ? 'y' : 'ies'} catalog did not make`] : []),
  ];
  const items = [...orphans.map((orphan) => orphan.location), ...strays];
  const hints = [
    ...(orphans.length ? ['unused stored files are left by a crash between storing a file and recording it: safe to delete'] : []),
    ...(strays.length ? ['move anything catalog did not make out of the materials folder'] : []),
  ];
  return {
    name: 'orphan files',
    status: 'warn',
    detail: `${parts.join(' and ')}: ${items.slice(0, NAMED).join(', ')}${items.length > NAMED ? ', …' : ''}${justStored}`,
    hint: `${hints.join('; ')} (\`catalog doctor --json\` lists every path)`,
    items,
  };
}

function stagingCheck(staging: { location: string; bytes: number; abandoned: boolean }[]): DoctorCheck {
  const abandoned = staging.filter((upload) => upload.abandoned);
  const running = staging.length - abandoned.length;
  const inProgress = running ? `; ${running} upload(s) in progress` : '';
  if (!abandoned.length) return { name: 'upload leftovers', status: 'ok', detail: `none${inProgress}` };
  const bytes = abandoned.reduce((sum, upload) => sum + upload.bytes, 0);
  const items = abandoned.map((upload) => upload.location);
  return {
    name: 'upload leftovers',
    status: 'warn',
    detail: `${abandoned.length} upload(s) untouched for over ${ABANDONED_STAGING_MS / 60_000} minutes (${formatBytes(bytes)}): ${items.slice(0, NAMED).join(', ')}${items.length > NAMED ? ', …' : ''}${inProgress}`,
    hint: 'left by uploads that stopped (a crash or a kill): the next `catalog material add` removes them, or delete them now',
    items,
  };
}

/** Stored files in a random order, as many as fit in `budget` bytes (larger ones are passed over). */
function sample<T extends { bytes: number }>(records: T[], budget: number): T[] {
  const shuffled = [...records];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const chosen: T[] = [];
  let left = budget;
  for (const record of shuffled) {
    if (record.bytes > left) continue;
    chosen.push(record);
    left -= record.bytes;
  }
  return chosen;
}

/** The SHA-256 of stored content as read back, or null when it is not there. */
async function digest(files: FileStore, sha256: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of await files.read(sha256)) hash.update(chunk as Buffer);
  } catch (error) {
    if (error instanceof StoredFileMissing) return null;
    throw error;
  }
  return hash.digest('hex');
}
