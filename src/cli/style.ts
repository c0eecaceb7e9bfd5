import chalk from 'chalk';
import { wantsColor } from './terminal.js';

// chalk for tables, details and prompts, in colour exactly when messages are (terminal.ts);
// imported only by the modules that draw them, which commands load when they need them.
chalk.level = wantsColor() ? (Math.max(chalk.level, 1) as 1 | 2 | 3) : 0;

export default chalk;
