import { isSessionLive, SESSION_TOUCH_MS } from '../../domain/studentSession.js';
import { hashSessionToken, isSessionTokenShaped } from '../../security/sessionTokens.js';
import { SessionStore } from '../../store/sessionStore.js';
import type { SessionGrant } from '../../store/sessionStore.js';
import type { CatalogContext } from '../catalogContext.js';

/** A signed-in browser: who, and the enrolments it opens (by the code hash each was opened with). */
export interface StudentSession {
  id: number;
  studentId: number;
  email: string;
  name: string | null;
  grants: SessionGrant[];
}

/** The session a browser's token signs in, or undefined (unknown, malformed, ended or idle too long). */
export function currentSession(ctx: CatalogContext, token: string | undefined): StudentSession | undefined {
  if (!isSessionTokenShaped(token)) return undefined;
  const store = new SessionStore(ctx.db);
  const session = store.byTokenHash(hashSessionToken(token));
  const now = ctx.clock();
  if (!session || !isSessionLive(session, now)) return undefined;
  if (now - session.lastSeenAt >= SESSION_TOUCH_MS) store.touch(session.id, now);
  return {
    id: session.id,
    studentId: session.studentId,
    email: session.studentEmail,
    name: session.studentName,
    grants: store.grants(session.id),
  };
}

/** Ends a browser's session: its token signs nothing in any more. Harmless without one. */
export function signOut(ctx: CatalogContext, token: string | undefined): void {
  if (!isSessionTokenShaped(token)) return;
  const store = new SessionStore(ctx.db);
  ctx.db
    .transaction(() => {
      const session = store.byTokenHash(hashSessionToken(token));
      if (session) store.remove(session.id);
    })
    .immediate();
}
