/**
 * What a realistic catalogue of short, fixed-date courses is about: per category, title
 * patterns, the skills a course teaches, and how long and how dear such courses tend to be.
 */
export interface Topic {
  category: string;
  subjects: string[];
  skills: string[];
  /** Rupees; prices are drawn in this band and end in 9. */
  price: [number, number];
  /** Relative share of the catalogue. */
  popularity: number;
}

export const TOPICS: Topic[] = [
  {
    category: 'baking',
    subjects: [
      'Sourdough Bread',
      'Eggless Baking',
      'Cake Decorating',
      'French Pastry',
      'Cookies and Brownies',
      'Artisan Breads',
      'Bake Like a Pro',
    ],
    skills: [
      'kneading and proofing',
      'laminating dough',
      'buttercream piping',
      'oven temperatures',
      'eggless sponges',
      'baked cheesecakes',
    ],
    price: [299, 3499],
    popularity: 3,
  },
  {
    category: 'cooking',
    subjects: [
      'South Indian Breakfasts',
      'Regional Curries',
      'Healthy Meal Prep',
      'Street Food Classics',
      'Millet Cooking',
      'Biryani Masterclass',
    ],
    skills: ['tempering spices', 'knife skills', 'balancing flavours', 'fermented batters', 'one-pot meals'],
    price: [199, 2999],
    popularity: 2,
  },
  {
    category: 'python',
    subjects: [
      'Python Fundamentals',
      'Python for Data Analysis',
      'Automate Boring Tasks with Python',
      'Web Scraping with Python',
      'Object-Oriented Python',
    ],
    skills: ['variables and loops', 'functions and modules', 'pandas dataframes', 'writing tests', 'reading files and APIs'],
    price: [499, 9999],
    popularity: 3,
  },
  {
    category: 'web development',
    subjects: ['HTML and CSS from Scratch', 'Modern JavaScript', 'React Essentials', 'Build a Portfolio Website', 'Node.js APIs'],
    skills: ['responsive layouts', 'the DOM', 'components and state', 'REST APIs', 'deploying a site'],
    price: [699, 9999],
    popularity: 2,
  },
  {
    category: 'data science',
    subjects: ['Statistics for Data Science', 'Machine Learning Basics', 'SQL for Analysts', 'Excel to Power BI', 'Data Visualisation'],
    skills: ['hypothesis tests', 'regression', 'joins and window functions', 'dashboards', 'cleaning messy data'],
    price: [999, 9999],
    popularity: 2,
  },
  {
    category: 'yoga',
    subjects: ['Morning Yoga Flow', 'Yoga for Back Pain', 'Pranayama and Breathwork', 'Hatha Yoga Foundations', 'Yoga for Beginners'],
    skills: ['sun salutations', 'breath control', 'posture alignment', 'relaxation', 'building flexibility'],
    price: [199, 2499],
    popularity: 3,
  },
  {
    category: 'music',
    subjects: ['Guitar for Beginners', 'Hindustani Vocals', 'Keyboard Basics', 'Carnatic Violin', 'Tabla Foundations', 'Music Production'],
    skills: ['chords and strumming', 'ragas and alankars', 'reading notation', 'rhythm cycles', 'mixing a track'],
    price: [499, 5999],
    popularity: 2,
  },
  {
    category: 'photography',
    subjects: ['Smartphone Photography', 'Portrait Photography', 'Lightroom Editing', 'Street Photography', 'Product Photography'],
    skills: ['composition', 'natural light', 'manual exposure', 'colour grading', 'storytelling in a series'],
    price: [399, 4999],
    popularity: 1,
  },
  {
    category: 'handicraft',
    subjects: [
      'Block Printing',
      'Macrame Wall Hangings',
      'Pottery on the Wheel',
      'Madhubani Painting',
      'Candle Making',
      'Embroidery Basics',
    ],
    skills: ['natural dyes', 'knots and patterns', 'centering clay', 'fine line work', 'finishing and selling'],
    price: [299, 3999],
    popularity: 2,
  },
  {
    category: 'finance',
    subjects: [
      'Personal Finance Basics',
      'Stock Market for Beginners',
      'Mutual Funds Explained',
      'Tax Planning for Salaried',
      'Budgeting That Works',
    ],
    skills: ['reading a balance sheet', 'SIPs and index funds', 'emergency funds', 'filing returns', 'risk and diversification'],
    price: [299, 4999],
    popularity: 1,
  },
  {
    category: 'languages',
    subjects: ['Spoken English Confidence', 'Conversational French', 'Japanese for Beginners', 'German A1', 'Business English'],
    skills: ['everyday conversation', 'pronunciation', 'grammar essentials', 'writing emails', 'listening practice'],
    price: [499, 6999],
    popularity: 2,
  },
  {
    category: 'design',
    subjects: ['Figma for Beginners', 'Graphic Design Basics', 'UI Design Fundamentals', 'Canva for Small Business', 'Logo Design'],
    skills: ['typography', 'colour theory', 'wireframes', 'design systems', 'brand identity'],
    price: [499, 7999],
    popularity: 1,
  },
  {
    category: 'fitness',
    subjects: ['Home Workouts', 'Running Your First 10K', 'Strength Training Basics', 'Zumba Fitness', 'Mobility and Stretching'],
    skills: ['progressive overload', 'warm-ups', 'pacing', 'bodyweight strength', 'recovery'],
    price: [199, 2999],
    popularity: 1,
  },
  {
    category: 'marketing',
    subjects: ['Instagram Marketing', 'SEO Fundamentals', 'Email Marketing', 'Content Writing', 'Performance Ads'],
    skills: ['keyword research', 'content calendars', 'copywriting', 'analytics', 'A/B testing'],
    price: [499, 7999],
    popularity: 1,
  },
];

export const TITLE_PATTERNS = [
  (subject: string, days: number) => `${subject} in ${days} Days`,
  (subject: string) => `Learn ${subject}`,
  (subject: string) => `${subject}: A Hands-on Course`,
  (subject: string) => `${subject} Bootcamp`,
  (subject: string, days: number) => `${subject} - ${days}-Day Workshop`,
  (subject: string) => `Weekend ${subject}`,
];

export const LEVELS = ['complete beginners', 'beginners', 'hobbyists', 'working professionals', 'students', 'anyone curious'];
