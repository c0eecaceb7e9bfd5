import type { Command } from 'commander';
import { action } from '../run.js';
import { outputFormatOption } from '../options.js';
import { printData, printJson, say, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerRegistrations(program: Command): void {
  const registrations = program.command('registrations').description('see who registered for what; cancel, re-issue access codes');
  registrations
    .command('list')
    .description('list registrations and free enrolments, oldest first (access codes are never shown again)')
    .option('--course <id>', 'only this course')
    .option('--student <email>', 'only this student')
    .option('--conversion', 'instead of the rows: enrolments by mode and how free starts converted, in all and per course')
    .option(
      '--refunds-due',
      'list payments taken on the website that did not become registrations (sold out meanwhile...): refunds to make',
    )
    .addOption(outputFormatOption())
    .option(
      '--json',
      'print an array of registrations (or refunds due) as JSON (same as --format json; with --conversion: { enrolments, conversion, courses })',
    )
    .addHelpText(
      'after',
      '\nMode "paid" is a registration (\u20B90 on a free course), "free" a free start, which `catalog register` upgrades.\n\nRefunds due: a payment the website took for a course that sold out (or closed) before the payment\narrived is never an extra seat; it is listed here until `catalog registrations refunded <order> --refund-ref REF`.\n\nExamples:\n  catalog registrations list --course crs_0a1b2c3d4e\n  catalog registrations list --course crs_0a1b2c3d4e --conversion --json',
    )
    .action(
      action(
        async (
          { terminal, overrides },
          flags: { course?: string; student?: string; conversion?: boolean; refundsDue?: boolean; json?: boolean; format?: string },
        ) => {
          const { outputFormat } = await import('../render/output.js');
          const format = outputFormat(terminal, flags);
          if (flags.refundsDue) {
            const { listRefundsDue } = await import('../../services/checkout/refundsDue.js');
            const refunds = await withCatalog(overrides, (ctx) => listRefundsDue(ctx, flags), { readonly: true });
            if (format === 'json') return printJson(terminal, refunds);
            const { refundTable, refundTsv } = await import('../render/refundTable.js');
            if (format === 'tsv') await printData(terminal, `${refundTsv(refunds)}\n`);
            if (refunds.length === 0) return say(terminal, 'No refunds due.');
            if (format === 'table') await printData(terminal, `${refundTable(refunds, terminal.width)}\n`);
            say(terminal, `${refunds.length} refund${refunds.length === 1 ? '' : 's'} due`);
            return;
          }
          const { listRegistrations } = await import('../../services/listRegistrations.js');
          const { conversionReport, enrolmentFigures, viewRegistration } = await import('../../domain/registration.js');
          const { registrations: found, views } = await withCatalog(
            overrides,
            (ctx) => {
              const registrations = listRegistrations(ctx, flags);
              return { registrations, views: registrations.map((r) => viewRegistration(r, ctx.config.timeZone)) };
            },
            { readonly: true },
          );
          const { conversionLine, conversionLines, conversionTsv } = await import('../render/conversion.js');
          if (flags.conversion) {
            const report = conversionReport(found);
            if (format === 'json') return printJson(terminal, report);
            await printData(terminal, format === 'tsv' ? `${conversionTsv(report)}\n` : conversionLines(report));
            if (format === 'table') say(terminal, `all: ${conversionLine(report)}`);
            return;
          }
          if (format === 'json') return printJson(terminal, views);
          const { registrationTable, registrationTsv } = await import('../render/registrationTable.js');
          if (format === 'tsv') await printData(terminal, `${registrationTsv(views)}\n`);
          if (views.length === 0) return say(terminal, 'No registrations match.');
          if (format === 'table') await printData(terminal, `${registrationTable(views, terminal.width)}\n`);
          say(terminal, `${views.length} registration${views.length === 1 ? '' : 's'} · ${conversionLine(enrolmentFigures(found))}`);
        },
      ),
    );

  registrations
    .command('cancel')
    .argument('<registration-id>', 'the # from `catalog registrations list`')
    .description('cancel a registration: frees its seat and ends its access at once; the payment stays on record')
    .option('--refund-ref <ref>', "the payment provider's refund reference, kept with the payment")
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .option('--json', 'print { status, registration, course } as JSON')
    .addHelpText(
      'after',
      '\nCancelling twice is harmless: the second run reports "already-cancelled" and changes nothing\n(a refund reference given for the first time is still recorded).\n\nExample:\n  catalog registrations cancel 42 --refund-ref rfnd_29QQoUBi66xm2f --yes',
    )
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { refundRef?: string; yes?: boolean; json?: boolean }) => {
        const { cancelRegistration } = await import('../../services/registrations/cancelRegistration.js');
        const { parseRegistrationId } = await import('../../services/registrations/registrationId.js');
        const { RegistrationStore } = await import('../../store/registrationStore.js');
        const { summarize } = await import('../../domain/course.js');
        const { viewRegistration } = await import('../../domain/registration.js');
        const { confirmOrStop } = await import('../confirmation.js');
        return withCatalog(
          overrides,
          async (ctx) => {
            const current = new RegistrationStore(ctx.db).registrationById(parseRegistrationId(id));
            if (current && current.cancelledAt === null) {
              const question = `Cancel registration ${current.id} (${current.studentEmail} on ${current.courseId}, ${current.courseTitle})? Its seat is freed and its access code stops working`;
              await confirmOrStop(terminal, {
                question,
                action: `cancelling registration ${current.id}`,
                declined: 'Nothing was cancelled.',
                yes: flags.yes,
              });
            }
            const outcome = await cancelRegistration(ctx, { registrationId: id, refundRef: flags.refundRef });
            const registration = viewRegistration(outcome.registration, ctx.config.timeZone);
            const course = summarize(outcome.course, ctx.clock());
            if (flags.json) return printJson(terminal, { status: outcome.status, registration, course });
            const refund = registration.refundRef ? ` · refund ${registration.refundRef}` : ' · no refund reference recorded';
            if (outcome.status === 'already-cancelled')
              say(
                terminal,
                `Registration ${registration.id} was already cancelled on ${registration.cancelledAt!.slice(0, 10)}; nothing changed${refund}.`,
              );
            else
              success(
                terminal,
                `cancelled registration ${registration.id} (${registration.student} on ${course.id}) · seat freed, ${course.seatsLeft} left · access ended${refund}`,
              );
          },
          { create: false },
        );
      }),
    );
  registrations
    .command('reissue-code')
    .argument('<registration-id>', 'the # from `catalog registrations list`')
    .description('print a new access code for a registration (shown once); the old code stops working')
    .option('--json', 'print { accessCode, registration } as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { json?: boolean }) => {
        const { reissueAccessCode } = await import('../../services/registrations/reissueAccessCode.js');
        const { viewRegistration } = await import('../../domain/registration.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const { registration, accessCode } = await reissueAccessCode(ctx, id);
            const view = viewRegistration(registration, ctx.config.timeZone);
            if (flags.json) return printJson(terminal, { accessCode, registration: view });
            success(
              terminal,
              `new access code for registration ${view.id} (${view.student} on ${view.courseId}); the old code no longer works`,
            );
            say(terminal, 'Access code for the student (shown only this once, it cannot be retrieved later):');
            terminal.stdout.write(`${accessCode}\n`);
          },
          { create: false },
        );
      }),
    );
  registrations
    .command('refunded')
    .argument('<order-id>', 'the order from `catalog registrations list --refunds-due`')
    .description('record that a refund due was made: the order leaves the refunds-due list, keeping the refund reference')
    .requiredOption('--refund-ref <ref>', "the payment provider's refund reference")
    .option('--json', 'print the refund as JSON')
    .action(
      action(async ({ terminal, overrides }, orderId: string, flags: { refundRef: string; json?: boolean }) => {
        const { recordRefundMade } = await import('../../services/checkout/refundsDue.js');
        const refund = await withCatalog(overrides, (ctx) => recordRefundMade(ctx, orderId, flags.refundRef), { create: false });
        if (flags.json) return printJson(terminal, refund);
        success(
          terminal,
          `refund ${flags.refundRef.trim()} recorded for order ${refund.orderId} (${refund.student}, payment ${refund.paymentRef})`,
        );
      }),
    );
}
