import Table from 'cli-table3';
import { localTime as localInstant } from '../../domain/localTime.js';
import type { MaterialView, StudentMaterialView } from '../../domain/materialView.js';
import { formatBytes } from '../../domain/bytes.js';
import chalk from '../style.js';

/** An instant as the catalogue's wall clock: "2027-01-12 00:00". */
export function localTime(iso: string, timeZone: string): string {
  return localInstant(Date.parse(iso), timeZone);
}

const what = (m: { kind: string; fileName: string | null; bytes: number | null; mediaType: string | null; url: string | null }) =>
  m.kind === 'file'
    ? `${m.fileName} · ${formatBytes(m.bytes!)} · ${m.mediaType}`
    : m.kind === 'link'
      ? (m.url ?? chalk.dim('link'))
      : 'note';

/** A course's materials for its teacher: module, title, what it is, when it opens. */
export function materialTable(materials: MaterialView[], timeZone: string): string {
  const table = new Table({
    head: ['Module', 'ID', 'Title', 'Material', 'Opens', 'Preview'].map((h) => chalk.bold(h)),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
  });
  for (const m of materials) {
    const opens =
      m.opensDay === 0
        ? 'day 0 (on access)'
        : m.opensDay !== null
          ? `day ${m.opensDay} · ${localTime(m.opensAt!, timeZone)}`
          : localTime(m.opensAt!, timeZone);
    table.push([m.module ?? chalk.dim('—'), chalk.cyan(m.id), m.title, what(m), opens, m.preview ? chalk.green('yes') : '']);
  }
  return table.toString();
}

/** The student's view: what is open now, and when the rest opens. */
export function studentMaterialTable(materials: StudentMaterialView[], timeZone: string): string {
  const table = new Table({
    head: ['Module', 'ID', 'Title', 'Material', 'Open'].map((h) => chalk.bold(h)),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
  });
  for (const m of materials) {
    const open = m.open
      ? chalk.green(m.preview ? 'open (preview)' : 'open')
      : m.needsUpgrade
        ? chalk.magenta('after the upgrade')
        : chalk.yellow(`opens ${localTime(m.opensAt, timeZone)}`);
    table.push([m.module ?? chalk.dim('—'), chalk.cyan(m.id), m.title, what(m), open]);
  }
  return table.toString();
}
