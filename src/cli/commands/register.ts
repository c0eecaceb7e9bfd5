import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, say, success, warn } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

interface RegisterFlags {
  student: string;
  name?: string;
  amount?: string;
  paymentRef?: string;
  json?: boolean;
}

export function registerRegister(program: Command): void {
  program
    .command('register')
    .argument('<course-id>', 'the course to register for')
    .description(
      'register a student who has paid (or anyone, on a free course): takes a seat and prints the access code (shown once); upgrades a free start',
    )
    .requiredOption('--student <email>', "the student's email (a student is created on first use)")
    .option('--name <name>', "the student's name, kept on first registration")
    .option('--amount <rupees>', 'what the student paid: must be the price now (the sale price while a sale runs); not for a free course')
    .option('--payment-ref <ref>', "the payment provider's reference; each one pays for one registration; not for a free course")
    .option('--json', 'print { status, paymentApplied, accessCode, registration, course } as JSON')
    .addHelpText(
      'after',
      '\nRegistering the same student for the same course again takes no second seat: the existing\nregistration is reported (exit 0) and a new payment reference is not recorded, so it can be refunded.\nA student with a free start (`catalog enrol`) is upgraded: the same enrolment and access code, a seat\ntaken now, by the upgrade deadline; a sold-out course refuses (exit 4) and the free start stays.\n\nExamples:\n  catalog register crs_0a1b2c3d4e --student asha@example.in --name "Asha Rao" --amount 499 --payment-ref pay_29QQoUBi66xm2f\n  catalog register crs_free000001 --student asha@example.in     # a free course: no payment',
    )
    .action(
      action(async ({ terminal, overrides }, courseId: string, flags: RegisterFlags) => {
        const { registerStudent } = await import('../../services/registerStudent.js');
        const { summarize } = await import('../../domain/course.js');
        const { viewRegistration } = await import('../../domain/registration.js');
        const { formatRupees } = await import('../../domain/money.js');
        await withCatalog(overrides, async (ctx) => {
          const { outcome, waits } = await registerStudent(ctx, {
            courseId,
            student: flags.student,
            name: flags.name,
            amount: flags.amount,
            paymentRef: flags.paymentRef,
          });
          // Gated so the benchmark can count lock waits without widening the output contract.
          if (process.env.CATALOG_REGISTRATION_STATS) say(terminal, `registration-stats ${JSON.stringify(waits)}`);
          const registration = viewRegistration(outcome.registration, ctx.config.timeZone);
          const course = summarize(outcome.course, ctx.clock());
          if (flags.json) {
            printJson(terminal, {
              status: outcome.status,
              paymentApplied: outcome.status !== 'already-registered' || outcome.paymentApplied,
              accessCode: outcome.status === 'registered' ? outcome.accessCode : null,
              registration,
              course,
            });
            return;
          }
          if (outcome.status === 'already-registered') {
            say(
              terminal,
              `${registration.student} is already registered for ${course.id} (${course.title}) since ${registration.registeredAt.slice(0, 10)}; no second seat was taken.`,
            );
            if (!outcome.paymentApplied)
              warn(terminal, `payment ${flags.paymentRef?.trim()} was not recorded: refund it, or use it to register for another course`);
            say(terminal, 'The access code was shown when the student first registered; it cannot be shown again.');
            return;
          }
          const seats =
            course.seatsLeft === null
              ? 'no seat limit'
              : course.seatsLeft === 0
                ? 'the course is now sold out'
                : `${course.seatsLeft} seat${course.seatsLeft === 1 ? '' : 's'} left`;
          const paid = outcome.registration.amountPaise === 0 ? 'free' : `paid ${formatRupees(outcome.registration.amountPaise)}`;
          if (outcome.status === 'upgraded') {
            success(
              terminal,
              `upgraded ${registration.student} on ${course.id} (${course.title}) from the free start · ${paid} · ${seats}`,
            );
            say(terminal, 'The access code they have opens the whole course now; it stays the same.');
            return;
          }
          success(terminal, `registered ${registration.student} for ${course.id} (${course.title}) · ${paid} · ${seats}`);
          say(terminal, 'Access code for the student (shown only this once, it cannot be retrieved later):');
          terminal.stdout.write(`${outcome.accessCode}\n`);
        });
      }),
    );
}
