import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, say, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

interface EnrolFlags {
  student: string;
  name?: string;
  json?: boolean;
}

export function registerEnrol(program: Command): void {
  program
    .command('enrol')
    .argument('<course-id>', 'a free course, or a course with a free start')
    .description('enrol a student without payment: a free course, or a free start (prints the access code, shown once)')
    .requiredOption('--student <email>', "the student's email (a student is created on first use)")
    .option('--name <name>', "the student's name, kept on first enrolment")
    .option('--json', 'print { status, accessCode, registration, course } as JSON')
    .addHelpText(
      'after',
      '\nOn a free course (₹0 now, a sale to ₹0 included) this is a registration for ₹0: the whole course,\na seat taken. On a course with a free start it is a free enrolment: the free days only, no seat;\n`catalog register` upgrades it, with the same access code, by the upgrade deadline. A paid course\nwithout a free start is refused (exit 4). Enrolling twice is harmless.\n\nExample:\n  catalog enrol crs_0a1b2c3d4e --student asha@example.in --name "Asha Rao"',
    )
    .action(
      action(async ({ terminal, overrides }, courseId: string, flags: EnrolFlags) => {
        const { enrolFree } = await import('../../services/enrolFree.js');
        const { summarize } = await import('../../domain/course.js');
        const { viewRegistration } = await import('../../domain/registration.js');
        await withCatalog(overrides, async (ctx) => {
          const outcome = await enrolFree(ctx, { courseId, student: flags.student, name: flags.name });
          const registration = viewRegistration(outcome.registration, ctx.config.timeZone);
          const course = summarize(outcome.course, ctx.clock());
          const accessCode = outcome.status === 'enrolled' ? outcome.accessCode : null;
          if (flags.json) return printJson(terminal, { status: outcome.status, accessCode, registration, course });
          const what =
            registration.mode === 'free'
              ? `a free start (${course.freeDays} day${course.freeDays === 1 ? '' : 's'} free; upgrade with \`catalog register\` by ${registration.upgradeBy})`
              : 'the whole course, free';
          if (outcome.status === 'already-enrolled') {
            say(
              terminal,
              `${registration.student} is already enrolled on ${course.id} (${course.title}) since ${registration.registeredAt.slice(0, 10)}: ${registration.mode === 'free' ? 'a free start' : 'a paid enrolment'}. Nothing changed.`,
            );
            say(terminal, 'The access code was shown when the student enrolled; it cannot be shown again.');
            return;
          }
          success(terminal, `enrolled ${registration.student} on ${course.id} (${course.title}): ${what}`);
          say(terminal, 'Access code for the student (shown only this once, it cannot be retrieved later):');
          terminal.stdout.write(`${accessCode}\n`);
        });
      }),
    );
}
