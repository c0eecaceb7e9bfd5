import type { Client } from '@elastic/elasticsearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDocument } from '../../src/search/elasticsearch/courseDocument.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { addMaterial } from '../../src/services/materials/addMaterial.js';
import { addModule } from '../../src/services/materials/addModule.js';
import { editMaterial } from '../../src/services/materials/editMaterial.js';
import { removeMaterial } from '../../src/services/materials/removeMaterial.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { cancelRegistration } from '../../src/services/registrations/cancelRegistration.js';
import { syncCatalogue } from '../../src/services/syncCatalogue.js';
import { courseInput } from '../support/courseFactory.js';
import { useTestElasticsearch } from '../support/elasticsearch.js';
import { tempCatalog } from '../support/tempCatalog.js';

const FAST = { initialMs: 20, maxMs: 200, maxAttempts: 5 };

describe('material counts and cancelled seats reach Elasticsearch through the outbox', () => {
  const es = useTestElasticsearch('materials');
  const catalog = tempCatalog({ now: '2026-11-25T06:30:00Z' });
  let alias = '';
  let client: Client;
  const synced = async (id: string) => {
    await syncCatalogue(catalog, { backoff: FAST });
    await es.refresh(alias);
    return (await client.get<CourseDocument>({ index: alias, id }))._source!;
  };

  beforeAll(() => {
    alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    client = es.client;
  });

  it('modules, materials and previews are counted on the course document; a cancellation frees its seat there', async () => {
    const course = addCourse(catalog, courseInput({ seats: '3' }));
    expect(await synced(course.id)).toMatchObject({ modules: 0, materials: 0, previews: 0, seats_left: 3 });
    addModule(catalog, { courseId: course.id, title: 'Week 1' });
    const link = (await addMaterial(catalog, { courseId: course.id, module: 'Week 1' }, { url: 'https://example.in/a' })).material;
    await addMaterial(catalog, { courseId: course.id, preview: true }, { url: 'https://example.in/b' });
    const { outcome } = await registerStudent(catalog, {
      courseId: course.id,
      student: 'a@example.in',
      amount: '999',
      paymentRef: 'pay_counts',
    });
    expect(await synced(course.id)).toMatchObject({ modules: 1, materials: 2, previews: 1, seats_left: 2 });
    editMaterial(catalog, link.id, { preview: true });
    await removeMaterial(catalog, link.id);
    await cancelRegistration(catalog, { registrationId: String(outcome.registration.id) });
    const doc = await synced(course.id);
    expect(doc).toMatchObject({ modules: 1, materials: 1, previews: 1, seats_left: 3, registrations: 0 });
    expect(doc.version).toBe(catalog.courses.get(course.id).version);
  });
});
