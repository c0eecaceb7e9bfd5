import type { Command } from 'commander';
import { formatRupees } from '../../../domain/money.js';
import { instantForPeople } from '../../render/instant.js';
import { action } from '../../run.js';
import { withCatalog } from '../../withCatalog.js';
import { renderChangedCourse } from './renderChangedCourse.js';

export function registerCoursePricing(course: Command): void {
  course
    .command('price')
    .argument('<id>', 'course id')
    .argument('[rupees]', 'the old way to give --price (still works)')
    .description('set the regular (list) price')
    .option('--price <rupees>', 'new list price in rupees, e.g. 599 or 599.50')
    .option('--json', 'print the changed course as JSON')
    .addHelpText('after', '\nExample:\n  catalog course price crs_0a1b2c3d4e --price 899')
    .action(
      action(async ({ terminal, overrides }, id: string, positional: string | undefined, flags: { price?: string; json?: boolean }) => {
        const { setListPrice } = await import('../../../services/coursePricing.js');
        const { UsageError } = await import('../../../errors.js');
        if (positional !== undefined && flags.price !== undefined && positional !== flags.price)
          throw new UsageError(`two prices given: ${positional} and --price ${flags.price}`, 'give the price once, with --price');
        const rupees = flags.price ?? positional;
        if (rupees === undefined) throw new UsageError('missing --price', `e.g. catalog course price ${id} --price 899`);
        await withCatalog(overrides, async (ctx) => {
          const changed = setListPrice(ctx, id, rupees);
          await renderChangedCourse(terminal, ctx, changed, flags.json, `${changed.id} now costs ${formatRupees(changed.pricePaise)}`);
        });
      }),
    );

  course
    .command('sale')
    .argument('<id>', 'course id')
    .description('drop the price for a while; the list price returns by itself when the sale ends')
    .option('--price <rupees>', 'sale price, below the list price')
    .option('--until <date|datetime>', 'last day of the sale (YYYY-MM-DD, through its end) or an exact time (YYYY-MM-DDTHH:MM)')
    .option('--from <date|datetime>', 'when the sale starts (default: now)')
    .option('--cancel', 'end the sale now')
    .option('--json', 'print the changed course as JSON')
    .action(
      action(
        async (
          { terminal, overrides },
          id: string,
          flags: { price?: string; until?: string; from?: string; cancel?: boolean; json?: boolean },
        ) => {
          const { startSale, cancelSale } = await import('../../../services/coursePricing.js');
          const { UsageError } = await import('../../../errors.js');
          if (!flags.cancel && (flags.price === undefined || flags.until === undefined)) {
            const missing = [flags.price === undefined && '--price', flags.until === undefined && '--until'].filter(Boolean).join(' and ');
            throw new UsageError(`missing ${missing}`, 'e.g. catalog course sale <id> --price 499 --until 2026-12-31');
          }
          await withCatalog(overrides, async (ctx) => {
            if (flags.cancel) {
              const changed = cancelSale(ctx, id);
              return renderChangedCourse(
                terminal,
                ctx,
                changed,
                flags.json,
                `${changed.id} is back at its list price ${formatRupees(changed.pricePaise)}`,
              );
            }
            const changed = startSale(ctx, id, {
              price: flags.price!,
              until: flags.until!,
              ...(flags.from !== undefined && { from: flags.from }),
            });
            await renderChangedCourse(
              terminal,
              ctx,
              changed,
              flags.json,
              `${changed.id} on sale at ${formatRupees(changed.sale!.pricePaise)} ${changed.sale!.startsAt === null ? '' : `from ${instantForPeople(changed.sale!.startsAt, ctx.config.timeZone)} `}until ${instantForPeople(changed.sale!.endsAt, ctx.config.timeZone)}`,
            );
          });
        },
      ),
    );
}
