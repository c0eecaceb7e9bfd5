import type { CatalogConfig } from '../../config/schema.js';
import type { SearchClient } from '../searchClient.js';
import { connectElasticsearch } from './connection.js';
import { ElasticsearchSearchClient } from './elasticsearchSearchClient.js';

/** The Elasticsearch search backend, reading the alias `elasticsearch.index`. */
export async function openElasticsearchSearchClient(config: CatalogConfig): Promise<SearchClient> {
  return new ElasticsearchSearchClient(connectElasticsearch(config.elasticsearch), config.elasticsearch);
}
