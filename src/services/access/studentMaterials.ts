import { canOpen } from '../../domain/access.js';
import type { AccessDecision } from '../../domain/access.js';
import { localTime } from '../../domain/localTime.js';
import { upgradeNotice } from '../../domain/upgradeNotice.js';
import { accessItemOf, materialOpensAt, openingTimes } from '../../domain/material.js';
import type { Material } from '../../domain/material.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { accessFor } from './resolveAccess.js';
import type { AccessKey, AccessRequestOptions, StudentAccess } from './resolveAccess.js';

/**
 * An ended or cancelled access never gets this far (resolveAccess), so a material is open, opens
 * later, or (for a free start) needs the upgrade.
 */
export type MaterialDecision = Extract<AccessDecision, { open: true } | { reason: 'not-yet' } | { reason: 'upgrade-needed' }>;

/** The student's view: every material of the course, and whether it is open now or when it opens. */
export function showAccess(
  ctx: CatalogContext,
  code: AccessKey,
  options: AccessRequestOptions = {},
): { access: StudentAccess; materials: { material: Material; decision: MaterialDecision }[] } {
  const access = accessFor(ctx, code, options);
  const now = ctx.clock();
  const found = new MaterialStore(ctx.db).materials(access.course.id);
  const opensAt = openingTimes(
    found.map((m) => m.opening),
    access.course.startDate,
    ctx.config.timeZone,
  );
  const materials = found.map((material, i) => ({ material, decision: decide(access, material, opensAt[i]!, now) }));
  return { access, materials };
}

/** One material the access code opens now; refused (4) with its opening time before then. */
export function openMaterial(
  ctx: CatalogContext,
  code: AccessKey,
  materialId: string,
  options: AccessRequestOptions = {},
): { access: StudentAccess; material: Material } {
  const access = accessFor(ctx, code, options);
  const material = new MaterialStore(ctx.db).material(materialId.trim());
  if (!material || material.courseId !== access.course.id) {
    throw new NotFoundError(
      `this access code has no material ${materialId.trim()}`,
      'see what it opens with `catalog access show <access-code>`',
      { visitorHint: 'your course page lists what your access opens' },
    );
  }
  const now = ctx.clock();
  const decision = decide(access, material, materialOpensAt(material.opening, access.course.startDate, ctx.config.timeZone), now);
  if (!decision.open && decision.reason === 'upgrade-needed') {
    const notice = upgradeNotice(`"${material.title}"`, decision, { courseId: access.course.id, now, timeZone: ctx.config.timeZone });
    throw new ConflictError(notice.message, notice.hint, { visitorHint: notice.visitorHint });
  }
  if (!decision.open) {
    throw new ConflictError(
      `"${material.title}" opens on ${localTime(decision.opensAt, ctx.config.timeZone)} (${ctx.config.timeZone}), ${new Date(decision.opensAt).toISOString()}`,
      'materials open on their day of the course; `catalog access show <access-code>` lists when each one opens',
      { visitorHint: 'materials open on their day of the course; your course page says when each one opens' },
    );
  }
  return { access, material };
}

function decide(access: StudentAccess, material: Material, opensAt: number | 'on-access', now: number): MaterialDecision {
  const decision = canOpen(access.enrolment, accessItemOf(material, opensAt), now);
  if (decision.open || decision.reason === 'not-yet' || decision.reason === 'upgrade-needed') return decision;
  // resolveAccess already refused cancelled and ended access; should that ever change, say so plainly.
  throw new ConflictError(`access to course ${access.course.id} is ${decision.reason}`, 'ask the platform about this registration');
}
