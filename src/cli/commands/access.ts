import fs from 'node:fs';
import type { Command } from 'commander';
import { ConflictError } from '../../errors.js';
import { action } from '../run.js';
import { printJson, say, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerAccess(program: Command): void {
  const access = program.command('access').description('what an access code opens: the student side, at the terminal');

  access
    .command('show')
    .argument('<access-code>', 'the code the student got when registering (acc_...)')
    .description("the student's view: the course, until when access lasts, what is open now and when the rest opens")
    .option('--json', 'print { course, mode, upgradeBy, accessUntil, materials } as JSON')
    .action(
      action(async ({ terminal, overrides }, code: string, flags: { json?: boolean }) => {
        const { showAccess } = await import('../../services/access/studentMaterials.js');
        const { viewStudentMaterials } = await import('../../domain/materialView.js');
        const { summarize } = await import('../../domain/course.js');
        const { formatDeadline } = await import('../../domain/zonedTime.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const { access: granted, materials } = showAccess(ctx, code);
            const views = viewStudentMaterials(materials, ctx.config.timeZone);
            const course = summarize(granted.course, ctx.clock());
            const { formatInstant } = await import('../../domain/calendar.js');
            const accessUntil = formatInstant(granted.accessUntil, ctx.config.timeZone);
            const { mode, freeStart } = granted.enrolment;
            // The end of the upgrade's last day, as a deadline reads (23:59:59); null for a paid enrolment.
            const upgradeBy = freeStart ? formatDeadline(freeStart.upgradeBy, ctx.config.timeZone) : null;
            if (flags.json) return printJson(terminal, { course, mode, upgradeBy, accessUntil, materials: views });
            const { localTime, studentMaterialTable } = await import('../render/materialTable.js');
            say(
              terminal,
              `${course.title} (${course.id}) · ${course.startDate} → ${course.endDate} · access until ${localTime(accessUntil, ctx.config.timeZone)}`,
            );
            if (freeStart) {
              const open = ctx.clock() < freeStart.upgradeBy;
              say(
                terminal,
                `free start: ${course.freeDays} day${course.freeDays === 1 ? '' : 's'} free; ${open ? `upgrade by ${upgradeBy} to open the rest` : `the upgrade closed on ${upgradeBy}`}`,
              );
            }
            if (views.length === 0) return say(terminal, 'No materials yet.');
            terminal.stdout.write(`${studentMaterialTable(views, ctx.config.timeZone)}\n`);
            const open = views.filter((v) => v.open).length;
            say(terminal, `${open} of ${views.length} open now; get one with \`catalog access get <access-code> <material-id>\``);
          },
          { create: false },
        );
      }),
    );

  access
    .command('get')
    .argument('<access-code>', "the student's access code")
    .argument('<material-id>', 'the material (see `catalog access show`)')
    .description('save a file material (or print a link or a note); refused until it opens')
    .option('-o, --output <file>', "where to write: a file, or - for stdout (default: the material's file name here)")
    .option('--verify', 'check the SHA-256 of a file written to disk too (stdout always is)')
    .addHelpText(
      'after',
      '\nA file is written whole or not at all: copied by the file system and its size checked, or with\n--verify (and always to stdout) checked against its SHA-256 on the way. Links and notes\nprint on stdout (or go to -o FILE).\n\nExample:\n  catalog access get acc_2cjnr3sdxtzsgrv8m0fvb4zy mat_8k2m4n6p8q -o week1.pdf',
    )
    .action(
      action(async ({ terminal, overrides }, code: string, materialId: string, flags: { output?: string; verify?: boolean }) => {
        const { openMaterial } = await import('../../services/access/studentMaterials.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const { material } = openMaterial(ctx, code, materialId);
            if (material.kind !== 'file') {
              const text =
                material.kind === 'link' ? `${material.url}\n` : material.note!.endsWith('\n') ? material.note! : `${material.note}\n`;
              if (flags.output === undefined || flags.output === '-') return void terminal.stdout.write(text);
              await fs.promises.writeFile(flags.output, text);
              return success(terminal, `wrote ${material.kind} "${material.title}" to ${flags.output}`);
            }
            const { deliverFile } = await import('../../services/access/deliverMaterial.js');
            if (flags.output === '-') {
              await deliverFile(ctx, material, { stream: process.stdout }).catch((error: NodeJS.ErrnoException) => {
                // A reader that stopped early (`| head`) is not a failure of ours.
                if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
              });
              return;
            }
            const target = flags.output ?? material.file!.name;
            if (flags.output === undefined && fs.existsSync(target))
              throw new ConflictError(`${target} already exists here`, 'name another file with -o FILE, or - for stdout');
            const { bytes, verified } = await deliverFile(ctx, material, { path: target }, { verify: flags.verify });
            const { formatBytes } = await import('../../domain/bytes.js');
            success(terminal, `saved "${material.title}" to ${target} (${formatBytes(bytes)}${verified ? ', SHA-256 checked' : ''})`);
          },
          { create: false },
        );
      }),
    );
}
