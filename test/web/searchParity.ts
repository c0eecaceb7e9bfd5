/** Searches the API and `catalog search --json` must answer alike, on either backend: URL parameters and the same flags. */
export const PARITY_SEARCHES: Record<string, string>[] = [
  {},
  { q: 'baking' },
  { q: 'baking', maxPrice: '599', month: 'oct' },
  { q: 'python', sort: 'price', available: '1', limit: '5', page: '2' },
  { category: 'yoga', sort: 'registrations' },
  { minPrice: '1000', maxPrice: '3000', sort: 'start', order: 'desc', limit: '20' },
  { from: '2027-01-01', to: '2027-03-31', sort: 'price', order: 'desc' },
  { q: 'Photography!! "basics"', page: '1', limit: '3' },
  { free: '1', sort: 'start' },
  { freeStart: '1', sort: 'price', limit: '20' },
  { free: '1', available: '1', category: 'python' },
];

/** The storefront's yes/no parameters and the CLI's switches they stand for. */
const SWITCHES: Record<string, string> = { available: '--available', free: '--free', freeStart: '--free-start' };

export function cliArgsFor(params: Record<string, string>): string[] {
  const args = ['search'];
  for (const [name, value] of Object.entries(params)) {
    if (name === 'q') args.push(...value.split(' '));
    else if (name in SWITCHES) args.push(SWITCHES[name]!);
    else args.push(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value);
  }
  return [...args, '--json'];
}

export const apiUrl = (base: string, path: string, params: Record<string, string> = {}) => {
  const query = new URLSearchParams(params).toString();
  return `${base}${path}${query ? `?${query}` : ''}`;
};

export async function getJson(url: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json(), headers: response.headers };
}
