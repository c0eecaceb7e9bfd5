/** One thing wrong with an import file, precise enough to fix without guessing. */
export interface ImportProblem {
  /** 1-based line in the file where the row (or the broken text) starts. */
  line: number;
  /** The column (CSV header name or JSON key) as written in the file; null for the row or file as a whole. */
  column: string | null;
  message: string;
  hint: string;
}

/** Receives problems as they are found; readers and checks never throw for bad input. */
export type ProblemSink = (problem: ImportProblem) => void;

/** Flags name fields on the command line; in a file the column already does, so hints drop them. */
export function columnHint(flagHint: string): string {
  return flagHint.replace(/--[a-z][a-z-]* /g, '');
}
