import type { Registration } from '../../domain/registration.js';
import { formatInstant } from '../../domain/calendar.js';
import { hashAccessCode, newAccessCode } from '../../security/accessCodes.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { AccessStore } from '../../store/accessStore.js';
import { RegistrationStore } from '../../store/registrationStore.js';
import { inWriteTransaction } from '../../store/registrationWriteLock.js';
import type { CatalogContext } from '../catalogContext.js';
import { parseRegistrationId } from './registrationId.js';

/**
 * A new access code for a registration (a student lost theirs, or it leaked): the new code is
 * returned once and only its hash is kept; the old code stops working in the same transaction.
 */
export async function reissueAccessCode(
  ctx: CatalogContext,
  registrationId: string,
): Promise<{ registration: Registration; accessCode: string }> {
  const id = parseRegistrationId(registrationId);
  const registrations = new RegistrationStore(ctx.db);
  const access = new AccessStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, () => {
    const registration = registrations.registrationById(id);
    if (!registration) throw new NotFoundError(`no registration ${id}`, 'list them with `catalog registrations list`');
    if (registration.cancelledAt !== null) {
      throw new ConflictError(
        `registration ${id} was cancelled on ${formatInstant(registration.cancelledAt, ctx.config.timeZone)}; it has no access to re-issue`,
        'a cancelled registration opens nothing; the student can register again for another course',
      );
    }
    const accessCode = newAccessCode();
    access.replaceCode(id, hashAccessCode(accessCode), ctx.clock());
    return { registration, accessCode };
  });
  return value;
}
