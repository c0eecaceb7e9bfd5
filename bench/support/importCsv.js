import fs from 'node:fs';

/** A CI-style file: the `course add` columns plus external_id, realistic lengths, a few quoted cells. */
export function writeCsv(file, idPrefix, rows) {
  const topics = [
    ['baking', 'Sourdough', 'kneading', 'shaping'],
    ['python', 'Python', 'loops', 'functions'],
    ['yoga', 'Hatha Yoga', 'breathing', 'balance'],
    ['music', 'Hindustani Vocals', 'ragas', 'taals'],
    ['design', 'Figma', 'components', 'prototypes'],
  ];
  const out = fs.openSync(file, 'w');
  let chunk = 'title,description,teacher,category,price,start,end,seats,external_id\n';
  for (let i = 0; i < rows; i++) {
    const [category, subject, a, b] = topics[i % topics.length];
    const month = String(1 + (i % 12)).padStart(2, '0');
    const days = 3 + (i % 20);
    chunk +=
      `${subject} for working adults (batch ${i}),` +
      `"A ${days}-day live course. You will practise ${a} and ${b} with daily assignments, small-group feedback and a final project. No prior experience needed.",` +
      `Teacher ${i % 4000} Sharma,${category},${499 + (i % 25) * 100},2027-${month}-01,2027-${month}-${String(days).padStart(2, '0')},${10 + (i % 50)},${idPrefix}-${i}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}
