import type { AccessDecision } from './access.js';
import { formatInstants } from './calendar.js';
import type { Material } from './material.js';

/** What `material list --json` prints for each material (the teacher's view: how it opens, not for whom). */
export interface MaterialView {
  id: string;
  title: string;
  module: string | null;
  moduleId: string | null;
  kind: Material['kind'];
  /** The course day it opens on (0: as soon as a student has access), or null when it opens at an exact time. */
  opensDay: number | null;
  /** When it opens, resolved against the course's current dates; null for day 0 (different for each student). */
  opensAt: string | null;
  preview: boolean;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  mediaType: string | null;
  url: string | null;
  /** A note's length in characters (its text is what `access get` prints). */
  noteLength: number | null;
}

/** Times are in the catalogue's zone with their offset, as every time the CLI shows. */
export function viewMaterial(material: Material, opensAt: number | 'on-access', timeZone: string): MaterialView {
  return viewMaterials([material], [opensAt], timeZone)[0]!;
}

/** viewMaterial for a course's materials, with `opensAt` in the same order; the zone is read once for them all. */
export function viewMaterials(
  materials: readonly Material[],
  opensAt: readonly (number | 'on-access')[],
  timeZone: string,
): MaterialView[] {
  const times = formatInstants(
    opensAt.filter((at): at is number => at !== 'on-access'),
    timeZone,
  );
  let timed = 0;
  return materials.map((material, i) => ({
    id: material.id,
    title: material.title,
    module: material.moduleTitle,
    moduleId: material.moduleId,
    kind: material.kind,
    opensDay: 'day' in material.opening ? material.opening.day : null,
    opensAt: opensAt[i] === 'on-access' ? null : times[timed++]!,
    preview: material.preview,
    fileName: material.file?.name ?? null,
    bytes: material.file?.bytes ?? null,
    sha256: material.file?.sha256 ?? null,
    mediaType: material.file?.mediaType ?? null,
    url: material.url,
    noteLength: material.note?.length ?? null,
  }));
}

/** What `access show --json` prints for each material: the student's view, for their enrolment, now. */
export interface StudentMaterialView {
  id: string;
  title: string;
  module: string | null;
  kind: Material['kind'];
  opensAt: string;
  open: boolean;
  /** A free start's material past its free days: it opens only after the upgrade. */
  needsUpgrade: boolean;
  preview: boolean;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  mediaType: string | null;
  /** A link's address, once it is open (a call link should not leak before its day). */
  url: string | null;
}

export function viewStudentMaterial(
  material: Material,
  decision: AccessDecision & { opensAt?: number },
  timeZone: string,
): StudentMaterialView {
  return viewStudentMaterials([{ material, decision }], timeZone)[0]!;
}

/** viewStudentMaterial for all the materials a student sees; the zone is read once for them all. */
export function viewStudentMaterials(
  seen: readonly { material: Material; decision: AccessDecision & { opensAt?: number } }[],
  timeZone: string,
): StudentMaterialView[] {
  const times = formatInstants(
    seen.map(({ decision }) => decision.opensAt!),
    timeZone,
  );
  return seen.map(({ material, decision }, i) => ({
    id: material.id,
    title: material.title,
    module: material.moduleTitle,
    kind: material.kind,
    opensAt: times[i]!,
    open: decision.open,
    needsUpgrade: !decision.open && decision.reason === 'upgrade-needed',
    preview: material.preview,
    fileName: material.file?.name ?? null,
    bytes: material.file?.bytes ?? null,
    sha256: material.file?.sha256 ?? null,
    mediaType: material.file?.mediaType ?? null,
    url: decision.open ? material.url : null,
  }));
}
