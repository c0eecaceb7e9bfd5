import type { CatalogDatabase } from './database.js';

export interface SeededRegistrations {
  /** Courses after this seq are the seed's own; their `registrations` counts are what to back with rows. */
  afterSeq: number;
  /** Names to combine into fake students, with the part of each that goes into an email address. */
  firstNames: { name: string; email: string }[];
  lastNames: { name: string; email: string }[];
  /** How many students the registrations are spread over (at least the most enrolments a course has). */
  students: number;
  /** When the students joined: before any seeded course was made. */
  studentsSince: number;
  now: number;
}

/**
 * Backs the registration counts of freshly seeded courses with rows, so every command tells the
 * same story: fake students, and for each counted seat a payment of the list price (none on a
 * free course), a registration and an access grant, at an instant between the course's creation
 * and now; the first `upgrades` seats of a course are free starts that upgraded. Each counted
 * free enrolment is a free registration with its access grant.
 * Done in a few INSERT … SELECT statements rather than a statement per row, inside the
 * caller's write transaction (CourseStore.bulkInsert, which leaves foreign keys unchecked for
 * it: every row here refers to rows this function or the seed just wrote).
 */
export function insertSeededRegistrations(db: CatalogDatabase, seed: SeededRegistrations): { students: number; registrations: number } {
  const studentBase = db.prepare<[], { id: number }>(`SELECT coalesce(max(id), 0) AS id FROM students`).get()!.id;
  const paymentBase = db.prepare<[], { id: number }>(`SELECT coalesce(max(id), 0) AS id FROM payments`).get()!.id;
  const registrationBase = db.prepare<[], { id: number }>(`SELECT coalesce(max(id), 0) AS id FROM registrations`).get()!.id;
  const grantBase = db.prepare<[], { id: number }>(`SELECT coalesce(max(id), 0) AS id FROM access_grants`).get()!.id;

  // Into a catalogue without registrations, the index by student is built once at the end (by
  // sorting) rather than by a random insert per seat; the unique ones stay, and grow in order. A
  // rollback puts a dropped index back: the schema changes with the transaction.
  const dropped =
    registrationBase === 0
      ? db
          .prepare<[], { sql: string; name: string }>(
            `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
          )
          .all()
      : [];
  for (const index of dropped) db.exec(`DROP INDEX ${index.name}`);
  db.exec(`
    CREATE TEMP TABLE seed_first (n INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
    CREATE TEMP TABLE seed_last (n INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
    CREATE TEMP TABLE seed_courses (n INTEGER PRIMARY KEY, seq INTEGER NOT NULL, first INTEGER NOT NULL, free_first INTEGER NOT NULL,
      grant_first INTEGER NOT NULL, free_grant_first INTEGER NOT NULL);
    CREATE TEMP TABLE seed_seat (i INTEGER PRIMARY KEY);`);
  try {
    const first = db.prepare<[number, string, string]>(`INSERT INTO seed_first VALUES (?, ?, ?)`);
    for (const [i, n] of seed.firstNames.entries()) first.run(i, n.name, n.email);
    const last = db.prepare<[number, string, string]>(`INSERT INTO seed_last VALUES (?, ?, ?)`);
    for (const [i, n] of seed.lastNames.entries()) last.run(i, n.name, n.email);

    const range = {
      count: seed.students,
      base: studentBase,
      firsts: seed.firstNames.length,
      lasts: seed.lastNames.length,
      since: seed.studentsSince,
    };
    // Every first name meets every last name before any pair repeats; the number keeps emails unique.
    db.prepare(`
      WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < @count)
      INSERT INTO students (id, email, name, created_at)
      SELECT @base + i + 1, f.email || '.' || l.email || '.' || (@base + i + 1) || '@example.com', f.name || ' ' || l.name, @since
      FROM k JOIN seed_first f ON f.n = i % @firsts JOIN seed_last l ON l.n = (i / @firsts) % @lasts`).run(range);

    // Seat k of a course is number `first + k` of the seed's seats, numbered in course id order:
    // then every id, reference and unique key below grows as rows go in, and each insert appends
    // to its b-tree instead of landing at a random page of it. That holds only if the statements
    // visit the courses in that order too, so seed_courses is keyed by it (n), not by seq: a scan
    // in seq order put every row at a random page of each b-tree.
    // Free enrolments are numbered after every seat, in the same course order. Access grants are
    // numbered in the courses' seq order instead, seats before free enrolments: the order they
    // were given when SQLite chose the ids, which a seed keeps so that its catalogue stays the same.
    db.prepare(`
      INSERT INTO seed_courses (n, seq, first, free_first, grant_first, free_grant_first)
      SELECT row_number() OVER (ORDER BY id), seq, sum(registrations) OVER (ORDER BY id) - registrations,
        sum(free_enrolments) OVER (ORDER BY id) - free_enrolments,
        sum(registrations) OVER (ORDER BY seq) - registrations, sum(free_enrolments) OVER (ORDER BY seq) - free_enrolments
      FROM courses WHERE seq > ? AND registrations + free_enrolments > 0`).run(seed.afterSeq);
    // The seat numbers as a table keyed by number: each course then reads only its own seats (a
    // range of the key) instead of testing every number up to the largest course.
    db.prepare(`
      WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k
        WHERE i + 1 < (SELECT coalesce(max(registrations + free_enrolments), 0) FROM courses WHERE seq > ?))
      INSERT INTO seed_seat (i) SELECT i FROM k`).run(seed.afterSeq);
    // CROSS JOIN fixes the loops' order: courses in seat order outermost, their seats innermost.
    const eachSeat = `FROM seed_courses s CROSS JOIN courses c CROSS JOIN seed_seat k WHERE c.seq = s.seq AND k.i < c.registrations`;
    const eachFreeEnrolment = `FROM seed_courses s CROSS JOIN courses c CROSS JOIN seed_seat k WHERE c.seq = s.seq AND k.i < c.free_enrolments`;
    const paidSeats = db
      .prepare<[number], { n: number }>(`SELECT coalesce(sum(registrations), 0) AS n FROM courses WHERE seq > ?`)
      .get(seed.afterSeq)!.n;
    // A seat goes to the k-th student after a spot the course's seq picks: no student holds two seats on one course.
    const student = `@studentBase + 1 + (c.seq * 7919 + k.i) % @students`;
    // Registered some time between the course's creation and now.
    const at = `c.created_at + (@now - c.created_at) * ((c.seq * 31 + k.i * 17) % 997) / 997`;
    // A free student comes after the course's seat holders in the same sequence: still no one twice on a course.
    const freeStudent = `@studentBase + 1 + (c.seq * 7919 + c.registrations + k.i) % @students`;
    // An upgraded seat began as a free start halfway between the course's creation and the upgrade.
    const upgraded = 'k.i < c.upgrades';
    const parameters = {
      afterSeq: seed.afterSeq,
      studentBase,
      students: seed.students,
      now: seed.now,
      paymentBase,
      registrationBase,
      freeBase: registrationBase + paidSeats,
      grantBase,
      freeGrantBase: grantBase + paidSeats,
    };
    db.prepare(`
      INSERT INTO payments (id, reference, student_id, course_id, amount_paise, received_at)
      SELECT @paymentBase + s.first + k.i + 1, printf('seed_%010d', @paymentBase + s.first + k.i + 1), ${student}, c.id, c.price_paise, ${at}
      ${eachSeat} AND c.price_paise > 0`).run(parameters);
    const registrations = db
      .prepare(`
        INSERT INTO registrations (id, course_id, student_id, payment_id, registered_at, mode, upgraded_at)
        SELECT @registrationBase + s.first + k.i + 1, c.id, ${student},
          CASE WHEN c.price_paise > 0 THEN @paymentBase + s.first + k.i + 1 END,
          CASE WHEN ${upgraded} THEN c.created_at + (${at} - c.created_at) / 2 ELSE ${at} END, 'paid', CASE WHEN ${upgraded} THEN ${at} END
        ${eachSeat}`)
      .run(parameters).changes;
    db.prepare(`
      INSERT INTO registrations (id, course_id, student_id, payment_id, registered_at, mode)
      SELECT @freeBase + s.free_first + k.i + 1, c.id, ${freeStudent}, NULL, ${at}, 'free'
      ${eachFreeEnrolment}`).run(parameters);
    // "unissued:" can never be the SHA-256 of a code: no seeded student's access can be opened.
    db.prepare(`
      INSERT INTO access_grants (id, registration_id, code_hash, created_at)
      SELECT @grantBase + s.grant_first + k.i + 1, @registrationBase + s.first + k.i + 1, printf('unissued:%010d', @registrationBase + s.first + k.i + 1), ${at}
      ${eachSeat}`).run(parameters);
    db.prepare(`
      INSERT INTO access_grants (id, registration_id, code_hash, created_at)
      SELECT @freeGrantBase + s.free_grant_first + k.i + 1, @freeBase + s.free_first + k.i + 1, printf('unissued:%010d', @freeBase + s.free_first + k.i + 1), ${at}
      ${eachFreeEnrolment}`).run(parameters);
    for (const index of dropped) db.exec(index.sql);
    return { students: seed.students, registrations };
  } finally {
    db.exec(`DROP TABLE temp.seed_first; DROP TABLE temp.seed_last; DROP TABLE temp.seed_courses; DROP TABLE temp.seed_seat;`);
  }
}
