import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { action } from '../run.js';
import { printJson, say, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

interface OpeningFlags {
  opensDay?: string;
  opensAt?: string;
  preview?: boolean;
  module?: string;
  title?: string;
  name?: string;
  json?: boolean;
}

const OPENING_HELP = `
Opening: --opens-day N is a day of the course at 00:00 in the catalogue's time zone: 1 is the start
date (the default), 2 the day after, 0 "as soon as the student has access", -3 three days before
day 1 (pre-reading). Moving the course's dates moves these openings. --opens-at takes an exact
date or date-time instead. A --preview material opens at once for anyone with access.`;

export function registerMaterial(program: Command): void {
  const material = program.command('material').description("a course's study materials: files, links and notes");

  material
    .command('add')
    .argument('<course-id>', 'the course')
    .argument('[file-or-url]', 'a file to upload (- for standard input), or an http(s) link')
    .description('add a file (stored by content), a link, or a Markdown note (--note) to a course')
    .option('--note <file.md>', 'add a Markdown note read from this file instead')
    .option('--title <title>', "what students see (default: the file's name, the link's host, the note's first heading)")
    .option('--module <module>', 'the module (id or title) it belongs to')
    .option('--opens-day <n>', 'the course day it opens on (default 1; 0 = on access, negative = before the start)')
    .option('--opens-at <datetime>', 'an exact opening time instead, e.g. 2027-01-12T18:00')
    .option('--preview', 'open to anyone with access from the start (shown to visitors later)')
    .option('--name <file-name>', 'the file name students save it under (default: its own; required with -)')
    .option('--json', 'print the material as JSON')
    .addHelpText(
      'after',
      `${OPENING_HELP}\n\nExamples:\n  catalog material add crs_0a1b2c3d4e week1.pdf --module "Week 1" --opens-day 1\n  catalog material add crs_0a1b2c3d4e https://meet.example.in/abc --title "Live session" --opens-at 2027-01-12T18:00\n  catalog material add crs_0a1b2c3d4e --note welcome.md --opens-day 0 --preview`,
    )
    .action(
      action(async ({ terminal, overrides }, courseId: string, source: string | undefined, flags: OpeningFlags & { note?: string }) => {
        if ((source === undefined) === (flags.note === undefined))
          throw new UsageError(
            'give a file or a link, or --note FILE.md (one of them)',
            'e.g. `catalog material add crs_0a1b2c3d4e slides.pdf`',
          );
        const { addMaterial } = await import('../../services/materials/addMaterial.js');
        const { openMaterialSource } = await import('../../services/materials/materialSource.js');
        const { looksLikeUrl } = await import('../../domain/materialInput.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const content =
              flags.note !== undefined
                ? { notePath: flags.note }
                : looksLikeUrl(source!)
                  ? { url: source! }
                  : { file: await openMaterialSource(source!, ctx.config.materials.maxBytes) };
            const { material: added } = await addMaterial(ctx, { courseId, ...flags }, content);
            const { viewMaterial } = await import('../../domain/materialView.js');
            const { materialOpensAt } = await import('../../domain/material.js');
            const course = ctx.courses.get(added.courseId);
            const view = viewMaterial(added, materialOpensAt(added.opening, course.startDate, ctx.config.timeZone), ctx.config.timeZone);
            if (flags.json) return printJson(terminal, view);
            const opens = view.opensDay === 0 ? 'on access' : view.opensDay !== null ? `on day ${view.opensDay}` : `at ${view.opensAt}`;
            success(
              terminal,
              `added ${view.kind} ${view.id} "${view.title}" to ${course.id}; opens ${opens}${view.preview ? ' (preview)' : ''}`,
            );
            terminal.stdout.write(`${view.id}\n`);
          },
          { create: false },
        );
      }),
    );

  material
    .command('list')
    .argument('<course-id>', 'the course')
    .description("a course's modules and materials, with when each opens")
    .option('--json', 'print { course, modules, materials } as JSON')
    .action(
      action(async ({ terminal, overrides }, courseId: string, flags: { json?: boolean }) => {
        const { listMaterials } = await import('../../services/materials/listMaterials.js');
        const { viewMaterials } = await import('../../domain/materialView.js');
        const { openingTimes } = await import('../../domain/material.js');
        const { summarize } = await import('../../domain/course.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const { course, modules, materials } = listMaterials(ctx, courseId);
            const opensAt = openingTimes(
              materials.map((m) => m.opening),
              course.startDate,
              ctx.config.timeZone,
            );
            const views = viewMaterials(materials, opensAt, ctx.config.timeZone);
            if (flags.json) return printJson(terminal, { course: summarize(course, ctx.clock()), modules, materials: views });
            if (views.length === 0) say(terminal, `Course ${course.id} has no materials yet.`);
            else {
              const { materialTable } = await import('../render/materialTable.js');
              terminal.stdout.write(`${materialTable(views, ctx.config.timeZone)}\n`);
            }
            const empty = modules.filter((m) => !materials.some((x) => x.moduleId === m.id));
            if (empty.length) say(terminal, `Empty modules: ${empty.map((m) => `${m.id} (${m.title})`).join(', ')}`);
            say(terminal, `${modules.length} modules · ${views.length} materials · ${views.filter((v) => v.preview).length} previews`);
          },
          { create: false },
        );
      }),
    );

  material
    .command('edit')
    .argument('<material-id>', 'the material')
    .description("change a material's title, opening, preview, module or file name")
    .option('--title <title>', 'a new title')
    .option('--opens-day <n>', 'open on this course day instead')
    .option('--opens-at <datetime>', 'open at this exact time instead')
    .option('--preview', 'make it a preview')
    .option('--no-preview', 'make it an ordinary material')
    .option('--module <module>', 'move it to this module (id or title; "none" for no module)')
    .option('--name <file-name>', 'the file name students save it under')
    .option('--json', 'print the material as JSON')
    .addHelpText('after', OPENING_HELP)
    .action(
      action(async ({ terminal, overrides }, id: string, flags: OpeningFlags) => {
        const { editMaterial } = await import('../../services/materials/editMaterial.js');
        const { viewMaterial } = await import('../../domain/materialView.js');
        const { materialOpensAt } = await import('../../domain/material.js');
        await withCatalog(
          overrides,
          (ctx) => {
            const { material: edited, course } = editMaterial(ctx, id, flags);
            const view = viewMaterial(edited, materialOpensAt(edited.opening, course.startDate, ctx.config.timeZone), ctx.config.timeZone);
            if (flags.json) return printJson(terminal, view);
            success(terminal, `updated material ${view.id} "${view.title}"`);
          },
          { create: false },
        );
      }),
    );

  material
    .command('remove')
    .argument('<material-id>', 'the material')
    .description('remove a material; its file is deleted unless another material uses the same content')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .option('--json', 'print { removed, fileDeleted } as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { yes?: boolean; json?: boolean }) => {
        const { removeMaterial } = await import('../../services/materials/removeMaterial.js');
        const { findMaterial } = await import('../../services/materials/editMaterial.js');
        const { MaterialStore } = await import('../../store/materialStore.js');
        const { confirmOrStop } = await import('../confirmation.js');
        return withCatalog(
          overrides,
          async (ctx) => {
            const current = findMaterial(new MaterialStore(ctx.db), id);
            const question = `Remove ${current.kind} ${current.id} "${current.title}" from ${current.courseId}? Students lose it at once`;
            await confirmOrStop(terminal, {
              question,
              action: `removing material ${current.id}`,
              declined: 'Nothing was removed.',
              yes: flags.yes,
            });
            const { material: removed, fileDeleted } = await removeMaterial(ctx, current.id);
            if (flags.json) return printJson(terminal, { removed: removed.id, courseId: removed.courseId, fileDeleted });
            const file = removed.file ? (fileDeleted ? '; its file was deleted' : '; its file stays (another material uses it)') : '';
            success(terminal, `removed material ${removed.id} "${removed.title}"${file}`);
          },
          { create: false },
        );
      }),
    );
}
