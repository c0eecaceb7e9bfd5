import type { CatalogConfig } from '../../config/schema.js';
import { CatalogError } from '../../errors.js';
import type { SearchClient } from '../searchClient.js';

// Replaced by the Elasticsearch client (issue 3); until then the backend says plainly it is missing.
export async function openElasticsearchSearchClient(_config: CatalogConfig): Promise<SearchClient> {
  throw new CatalogError('the Elasticsearch backend is not built yet', 1, 'search with --backend sqlite');
}
