import type { AccessDecision } from './access.js';
import { formatDeadline } from './zonedTime.js';

/**
 * What a free student is told about something past their free days, materials and assessments
 * alike: how to open it while the upgrade is open, and that it stays closed once it is not.
 */
export function upgradeNotice(
  what: string,
  decision: Extract<AccessDecision, { reason: 'upgrade-needed' }>,
  context: { courseId: string; now: number; timeZone: string },
): { message: string; hint: string; visitorHint?: string } {
  const by = formatDeadline(decision.upgradeBy, context.timeZone);
  if (context.now < decision.upgradeBy)
    return {
      message: `${what} is past the free start: it opens once the enrolment is upgraded, which is open until ${by}`,
      hint: `upgrade with \`catalog register ${context.courseId} --student EMAIL --amount RUPEES --payment-ref REF\`; the same access code then opens it`,
      visitorHint: `upgrade on your course page, /me/courses/${context.courseId}; the same access code then opens it`,
    };
  return {
    message: `${what} is past the free start, and the upgrade closed on ${by}`,
    hint: 'a free start keeps what its free days opened; register for a later course to continue',
  };
}
