// The floor of `material add` and `access get` in Node: the same file work as the folder store
// (src/storage/folderFileStore.ts) in a bare script, with no CLI, configuration or database. Its
// time against `cp`/`cat` is what a Node process needs for the file work alone; the CLI's own
// share is the difference to the real command. CommonJS, as bin/catalog.js, so Node's ES module
// loader is not counted.
//   node bench/materials.floor.cjs add <file> <folder>   copy, hash the copy while it is fsynced, rename, fsync the folder
//   node bench/materials.floor.cjs get <stored> <target> copy to a temp name beside the target, check the size, rename
'use strict';
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const READ_BYTES = 1024 * 1024;

async function add(file, folder) {
  const temp = path.join(folder, `${randomBytes(12).toString('hex')}.part`);
  await fs.promises.copyFile(file, temp, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
  const handle = await fs.promises.open(temp, 'r');
  const synced = handle.sync();
  const hash = createHash('sha256');
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  let bytes = 0;
  let turn = 0;
  let reading = handle.read(buffers[0], 0, READ_BYTES, 0);
  for (;;) {
    const { bytesRead } = await reading;
    if (bytesRead === 0) break;
    const chunk = buffers[turn].subarray(0, bytesRead);
    bytes += bytesRead;
    turn = 1 - turn;
    reading = handle.read(buffers[turn], 0, READ_BYTES, bytes);
    hash.update(chunk);
  }
  await synced;
  await handle.close();
  await fs.promises.rename(temp, path.join(folder, hash.digest('hex')));
  const dir = await fs.promises.open(folder, 'r');
  await dir.sync();
  await dir.close();
}

async function get(stored, target) {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  await fs.promises.copyFile(stored, temp, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
  if ((await fs.promises.stat(temp)).size !== (await fs.promises.stat(stored)).size) throw new Error('size differs');
  await fs.promises.rename(temp, target);
}

const [mode, a, b] = process.argv.slice(2);
(mode === 'add' ? add(a, b) : get(a, b)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
