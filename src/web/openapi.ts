import { SORT_FIELDS } from '../domain/searchQuery.js';
import { COURSE_STATUSES } from '../domain/course.js';

const date = { type: 'string', format: 'date', description: 'a calendar date in the catalogue zone' } as const;
const rupees = { type: 'number', minimum: 0, description: 'rupees (599 or 599.5)' } as const;
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const yesOrNo = { type: 'string', enum: ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'] };
const count = { type: 'integer', minimum: 0 } as const;
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

/**
 * The JSON API, described for clients and checked against real responses in the tests
 * (test/web/api.test.ts): change a response shape and this together, or the tests fail.
 */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Catalog storefront API',
    version: '1',
    description:
      'The same answers as `catalog search --json` and `catalog course show --json`; checkout opens an order to pay for a course. Errors are `{"error":{"code","message","hint"}}`.',
  },
  paths: {
    '/api/search': {
      get: {
        summary: 'Search the catalogue',
        description:
          'Published courses that have not started; each parameter as the matching `catalog search` flag. Bad values answer 400 naming the parameter.',
        parameters: [
          query('q', 'words to find in titles and descriptions'),
          query('minPrice', 'price paid now is at least this many rupees'),
          query('maxPrice', 'price paid now is at most this many rupees'),
          query('month', 'starts in this month: oct, october, 10 (the next one) or 2027-10'),
          query('from', 'starts on or after this date (YYYY-MM-DD)'),
          query('to', 'starts on or before this date (YYYY-MM-DD)'),
          query('category', 'only this category'),
          query('teacher', "only this teacher's courses"),
          query('available', '1 hides sold-out courses', yesOrNo),
          query('free', '1: only courses free now (the price paid now is ₹0, a sale to ₹0 included)', yesOrNo),
          query('freeStart', '1: only courses with a free start that can still be joined', yesOrNo),
          query('sort', 'relevance (needs q), price, registrations or start', { type: 'string', enum: [...SORT_FIELDS] }),
          query('order', 'asc or desc', { type: 'string', enum: ['asc', 'desc'] }),
          query('page', 'page number, from 1', { type: 'integer', minimum: 1 }),
          query('limit', 'results per page, 1 to 100 (default 10)', { type: 'integer', minimum: 1, maximum: 100 }),
          query('facets', '1 adds counts per category, start month and price band', { type: 'string', enum: ['1', '0', 'true', 'false'] }),
        ],
        responses: {
          200: {
            description: 'a page of results',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } },
          },
          400: errorResponse('a parameter is not valid; the message names it'),
          429: errorResponse('too many requests from this client'),
        },
      },
    },
    '/api/courses/{id}': {
      get: {
        summary: 'One course',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'the course', content: { 'application/json': { schema: { $ref: '#/components/schemas/CourseDetails' } } } },
          404: errorResponse('no such course'),
          429: errorResponse('too many requests from this client'),
        },
      },
    },
    '/api/events': {
      get: {
        summary: 'Live course changes (Server-Sent Events)',
        description:
          'Event `course`: data is a CourseEvent, sent when a followed course changes or crosses a time boundary (a sale starts or ends, the course starts). Event `reload`: the changes since Last-Event-ID are no longer known; fetch again. Resume with the Last-Event-ID header (or `after`).',
        parameters: [
          query('course', 'a course id to follow; repeat it or separate ids with commas (at most 100); none follows every course'),
          query('after', 'an event id to resume from, for clients that cannot send Last-Event-ID'),
        ],
        responses: {
          200: {
            description: 'an event stream',
            content: { 'text/event-stream': { schema: { $ref: '#/components/schemas/CourseEvent' } } },
          },
          400: errorResponse('a parameter is not valid'),
          503: errorResponse('too many streams are open'),
        },
      },
    },
    '/api/checkout': {
      post: {
        summary: 'Open a checkout: the price the course costs now, held for payments.holdMinutes',
        description:
          "Answers where to pay (the test provider's page, or Razorpay Checkout on this site). The browser that sends it gets a cookie for the order page, which shows the access code once after payment. A payment is confirmed by the provider's webhook; the seat is taken then (a course sold out meanwhile makes it a refund due).",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['courseId', 'email'],
                properties: {
                  courseId: { type: 'string' },
                  email: { type: 'string', format: 'email' },
                  name: { type: 'string', maxLength: 200 },
                },
              },
            },
          },
        },
        responses: {
          201: { description: 'the order', content: { 'application/json': { schema: { $ref: '#/components/schemas/Checkout' } } } },
          400: errorResponse('a field is missing or not valid; the message names it'),
          404: errorResponse('no such course'),
          409: errorResponse('the course takes no registrations now (sold out, started, off sale), or the student is already registered'),
          415: errorResponse('the body is not JSON'),
          429: errorResponse('too many requests from this client'),
          503: errorResponse('the payment provider cannot open the order now'),
        },
      },
    },
    '/api/enrol': {
      post: {
        summary: 'Enrol without payment: a free course (a seat taken) or a free start (none taken)',
        description:
          'The service behind `catalog enrol`. 201 with the access code, shown this once; 200 without it when the student was enrolled already. A paid course without a free start is a 409: pay through /api/checkout.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['courseId', 'email'],
                properties: {
                  courseId: { type: 'string' },
                  email: { type: 'string', format: 'email' },
                  name: { type: 'string', maxLength: 200 },
                },
              },
            },
          },
        },
        responses: {
          200: {
            description: 'enrolled already (no code)',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Enrolment' } } },
          },
          201: { description: 'enrolled', content: { 'application/json': { schema: { $ref: '#/components/schemas/Enrolment' } } } },
          400: errorResponse('a field is missing or not valid; the message names it'),
          404: errorResponse('no such course'),
          409: errorResponse('the course costs something and has no free start, or takes no one now (sold out, started, off sale)'),
          415: errorResponse('the body is not JSON'),
          429: errorResponse('too many requests from this client'),
        },
      },
    },
    '/api/orders/{id}': {
      get: {
        summary: "An order's state (the order page asks while a payment is being confirmed)",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'the order', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
          404: errorResponse('no such order'),
        },
      },
    },
  },
  components: {
    schemas: {
      Checkout: {
        type: 'object',
        required: ['orderId', 'amount', 'currency', 'provider', 'redirectUrl', 'heldUntil', 'orderUrl'],
        properties: {
          orderId: { type: 'string', pattern: '^ord_[0-9a-z]{20}$' },
          amount: { type: 'integer', minimum: 1, description: 'paise' },
          currency: { type: 'string', enum: ['INR'] },
          provider: { type: 'string', enum: ['test', 'razorpay'] },
          redirectUrl: { type: 'string', description: 'the page to pay on' },
          heldUntil: { type: 'string', format: 'date-time', description: 'payments made before this pay the held amount' },
          orderUrl: { type: 'string', description: 'the confirmation page' },
        },
      },
      Enrolment: {
        type: 'object',
        required: ['status', 'courseId', 'registrationId', 'mode', 'signInUrl'],
        properties: {
          status: { type: 'string', enum: ['enrolled', 'already-enrolled'] },
          courseId: { type: 'string' },
          registrationId: { type: 'integer' },
          mode: { type: 'string', enum: ['paid', 'free'], description: "'paid': the whole course (a free course); 'free': a free start" },
          accessCode: { type: 'string', pattern: '^acc_[0-9a-z]{24}$', description: 'only when enrolled by this request' },
          signInUrl: { type: 'string' },
        },
      },
      Order: {
        type: 'object',
        required: ['orderId', 'courseId', 'status', 'amount', 'currency', 'provider', 'heldUntil'],
        properties: {
          orderId: { type: 'string' },
          courseId: { type: 'string' },
          status: { type: 'string', enum: ['open', 'paid', 'failed', 'refund_due', 'refunded'] },
          amount: { type: 'integer', minimum: 1, description: 'paise' },
          currency: { type: 'string', enum: ['INR'] },
          provider: { type: 'string', enum: ['test', 'razorpay'] },
          heldUntil: { type: 'string', format: 'date-time' },
        },
      },
      CourseSummary: {
        type: 'object',
        required: [
          'id',
          'title',
          'teacher',
          'category',
          'price',
          'listPrice',
          'startDate',
          'endDate',
          'seatsLeft',
          'registrations',
          'freeDays',
          'upgradeUntil',
          'status',
        ],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          teacher: { type: 'string' },
          category: { type: 'string' },
          price: { ...rupees, description: 'the price a student pays now (a running sale included)' },
          listPrice: rupees,
          startDate: date,
          endDate: date,
          seatsLeft: { type: ['integer', 'null'], minimum: 0, description: 'null: no seat limit, always available' },
          registrations: count,
          freeDays: { type: ['integer', 'null'], minimum: 1, description: 'a free start: the first days anyone may take free; null: none' },
          upgradeUntil: {
            ...date,
            type: ['string', 'null'],
            description: 'the last day to pay to continue after a free start; null: none',
          },
          status: { type: 'string', enum: [...COURSE_STATUSES] },
          highlight: {
            type: 'object',
            description: 'HTML-escaped text with the matched words in <mark>',
            properties: { title: { type: 'string' }, description: { type: 'string' } },
          },
        },
      },
      SearchResult: {
        type: 'object',
        required: ['total', 'page', 'limit', 'results'],
        properties: {
          total: { type: 'integer', minimum: 0 },
          page: { type: 'integer', minimum: 1 },
          limit: { type: 'integer', minimum: 1, maximum: 100 },
          results: { type: 'array', items: { $ref: '#/components/schemas/CourseSummary' } },
          suggestion: { type: 'string', description: 'a spelling the catalogue knows, when the words found little' },
          facets: { type: 'object', description: 'counts by category, month and price band' },
        },
      },
      CourseDetails: {
        allOf: [
          { $ref: '#/components/schemas/CourseSummary' },
          {
            type: 'object',
            required: ['description', 'seats', 'upgradeUntilDay', 'enrolments', 'sale', 'stopReason', 'version', 'createdAt', 'updatedAt'],
            properties: {
              description: { type: 'string' },
              seats: { type: ['integer', 'null'], minimum: 1, description: 'null: no seat limit' },
              upgradeUntilDay: {
                type: ['integer', 'null'],
                minimum: 1,
                description: 'the course day the upgrade closes at the end of, as set; null: the day after the free days',
              },
              enrolments: {
                type: 'object',
                required: ['free', 'paid'],
                properties: {
                  free: { ...count, description: 'free starts not upgraded (no seat)' },
                  paid: { ...count, description: 'seats taken' },
                },
              },
              sale: {
                oneOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    required: ['price', 'from', 'until', 'running'],
                    properties: {
                      price: rupees,
                      from: { type: ['string', 'null'], format: 'date-time' },
                      until: { type: 'string', format: 'date-time' },
                      running: { type: 'boolean' },
                    },
                  },
                ],
              },
              stopReason: { type: ['string', 'null'] },
              version: { type: 'integer', minimum: 1 },
              createdAt: { type: 'string', format: 'date-time' },
              updatedAt: { type: 'string', format: 'date-time' },
            },
          },
        ],
      },
      CourseEvent: {
        type: 'object',
        required: ['courseId', 'course', 'parts'],
        properties: {
          courseId: { type: 'string' },
          course: {
            oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/CourseDetails' }],
            description: 'null once students may no longer see it',
          },
          parts: {
            type: 'object',
            description: 'the page parts that show the course, as HTML',
            required: ['price', 'sale', 'seats', 'badge', 'action'],
            additionalProperties: { type: 'string' },
          },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
