// Vocabularies of the world: the categories a lead can have and how each shifts the latent
// fit and intent. Kept as data so README and truth.json can quote the same numbers.

export interface Region {
  readonly name: string;
  readonly share: number;
  /** Rough UTC offset of the region's leads, hours: drives when they are active. */
  readonly utcOffset: number;
  /** IANA zones the region's reps sit in. */
  readonly zones: readonly string[];
  readonly tld: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { name: 'NA-East', share: 0.3, utcOffset: -5, zones: ['America/New_York', 'America/Chicago'], tld: ['.com', '.com', '.io'] },
  { name: 'NA-West', share: 0.2, utcOffset: -8, zones: ['America/Los_Angeles', 'America/Denver'], tld: ['.com', '.io', '.ai'] },
  { name: 'EMEA', share: 0.3, utcOffset: 1, zones: ['Europe/London', 'Europe/Berlin', 'Europe/Paris'], tld: ['.co.uk', '.de', '.fr', '.com', '.eu'] },
  { name: 'APAC', share: 0.12, utcOffset: 9, zones: ['Asia/Singapore', 'Australia/Sydney', 'Asia/Tokyo'], tld: ['.com.au', '.sg', '.jp', '.com'] },
  { name: 'LATAM', share: 0.08, utcOffset: -4, zones: ['America/Sao_Paulo', 'America/Mexico_City'], tld: ['.com.br', '.mx', '.com'] },
];

export interface Category {
  readonly name: string;
  readonly share: number;
  readonly fit: number;
  readonly intent: number;
}

export const INDUSTRIES: readonly Category[] = [
  { name: 'software', share: 0.22, fit: 0.7, intent: 0.1 },
  { name: 'financial_services', share: 0.12, fit: 0.5, intent: 0 },
  { name: 'healthcare', share: 0.1, fit: 0.4, intent: 0 },
  { name: 'professional_services', share: 0.1, fit: 0.2, intent: 0 },
  { name: 'manufacturing', share: 0.12, fit: 0, intent: -0.1 },
  { name: 'retail', share: 0.1, fit: -0.2, intent: 0 },
  { name: 'media', share: 0.06, fit: 0, intent: 0 },
  { name: 'education', share: 0.08, fit: -0.4, intent: -0.1 },
  { name: 'government', share: 0.05, fit: -0.5, intent: -0.2 },
  { name: 'other', share: 0.05, fit: -0.3, intent: 0 },
];

export const SENIORITIES: readonly Category[] = [
  { name: 'ic', share: 0.38, fit: -0.4, intent: 0 },
  { name: 'manager', share: 0.3, fit: 0, intent: 0.05 },
  { name: 'director', share: 0.17, fit: 0.4, intent: 0.1 },
  { name: 'vp', share: 0.09, fit: 0.5, intent: 0.1 },
  { name: 'c_level', share: 0.06, fit: 0.3, intent: 0.05 },
];

export const SOURCES: readonly Category[] = [
  { name: 'organic', share: 0.2, fit: 0, intent: 0.2 },
  { name: 'paid_search', share: 0.16, fit: 0, intent: 0.3 },
  { name: 'paid_social', share: 0.12, fit: -0.3, intent: -0.2 },
  { name: 'content_syndication', share: 0.14, fit: -0.4, intent: -0.5 },
  { name: 'event', share: 0.1, fit: 0.2, intent: 0.3 },
  { name: 'webinar', share: 0.1, fit: 0, intent: 0.1 },
  { name: 'partner', share: 0.06, fit: 0.3, intent: 0.2 },
  { name: 'referral', share: 0.05, fit: 0.4, intent: 0.5 },
  { name: 'outbound', share: 0.07, fit: 0.1, intent: -0.6 },
];

/** Free-mail share by source: consumer-ish channels collect more personal addresses. */
export const FREE_MAIL_BY_SOURCE: Readonly<Record<string, number>> = {
  organic: 0.16, paid_search: 0.12, paid_social: 0.3, content_syndication: 0.06, event: 0.08,
  webinar: 0.14, partner: 0.04, referral: 0.05, outbound: 0.01,
};

export const ACTIVITY_TYPES = [
  'email_open', 'email_click', 'web_visit', 'pricing_page_view', 'content_download', 'webinar_registered',
  'webinar_attended', 'demo_request', 'pricing_request', 'contact_form', 'trial_signup', 'chat', 'event_attended',
  'unsubscribe',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACT: Readonly<Record<ActivityType, number>> = Object.fromEntries(
  ACTIVITY_TYPES.map((t, i) => [t, i]),
) as Record<ActivityType, number>;

/** Mix of activity types outside a buying window: mostly passive email and browsing. */
export const BACKGROUND_MIX: readonly number[] = [
  0.42, 0.1, 0.25, 0.035, 0.07, 0.04, 0.025, 0.0015, 0.0015, 0.002, 0.003, 0.01, 0.012, 0.006,
];
/** Mix inside a buying window: pricing, demos, forms and chats become frequent. */
export const WINDOW_MIX: readonly number[] = [
  0.12, 0.08, 0.26, 0.18, 0.06, 0.03, 0.03, 0.035, 0.025, 0.03, 0.03, 0.05, 0.02, 0,
];

export const EMAIL_TYPES: ReadonlySet<number> = new Set([ACT.email_open, ACT.email_click]);

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa',
  'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya', 'Kimberly', 'Andrew', 'Emily', 'Wei',
  'Donna', 'Kenji', 'Michelle', 'Lukas', 'Sofia', 'Hannah', 'Mateo', 'Aisha', 'Olivia', 'Noah', 'Emma', 'Liam',
  'Chloe', 'Arjun', 'Mei', 'Lars', 'Ingrid', 'Pierre', 'Camille', 'Giulia', 'Marco', 'Ana', 'João', 'Fatima',
  'Omar', 'Yuki', 'Hiroshi', 'Zoë', 'François', 'Björn', 'Siobhán',
];
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White',
  'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Patel', 'Kumar', 'Chen', 'Wang', 'Kim',
  'Nguyen', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Dubois', 'Moreau', 'Rossi', 'Russo', 'Silva', 'Santos',
  'Tanaka', 'Suzuki', 'Sato', 'Andersson', 'Johansson', "O'Brien", 'Murphy', 'Kowalski', 'Novak', 'Haddad',
];
export const COMPANY_ROOTS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne',
  'Tyrell', 'Aperture', 'Massive', 'Nimbus', 'Vertex', 'Quantum', 'Pioneer', 'Summit', 'Atlas', 'Nova', 'Apex',
  'Blue', 'Red', 'Green', 'Silver', 'North', 'South', 'Bright', 'Clear', 'Swift', 'Iron', 'Cedar', 'Maple', 'Oak',
  'River', 'Lake', 'Harbor', 'Beacon', 'Orbit', 'Pixel', 'Data', 'Cloud', 'Signal', 'Vector', 'Prime', 'Core',
];
export const COMPANY_TAILS = [
  'Systems', 'Labs', 'Analytics', 'Health', 'Capital', 'Logistics', 'Works', 'Group', 'Partners', 'Software',
  'Solutions', 'Dynamics', 'Networks', 'Retail', 'Foods', 'Energy', 'Media', 'Bank', 'Insurance', 'Robotics',
];
export const COMPANY_SUFFIX = ['', '', '', ' Inc', ' Inc.', ' LLC', ' Ltd', ' GmbH', ' SA', ' Corp', ' Co.'];

export const FUNCTIONS = ['Sales', 'Marketing', 'IT', 'Finance', 'Operations', 'Engineering', 'Revenue Operations', 'Customer Success'];

/** Title templates per seniority; `{F}` is the business function. Variety is the point: titles are messy. */
export const TITLE_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  ic: ['{F} Specialist', '{F} Analyst', '{F} Associate', 'Sr. {F} Analyst', '{F} Coordinator', 'Software Engineer', 'Consultant', 'intern', 'Student'],
  manager: ['{F} Manager', 'Manager, {F}', 'Sr. Manager {F}', 'Mgr - {F}', '{F} Team Lead', 'Head of {F} Ops'],
  director: ['Director of {F}', '{F} Director', 'Dir. {F}', 'Head of {F}', 'Senior Director, {F}', 'Director'],
  vp: ['VP {F}', 'Vice President, {F}', 'VP of {F}', 'SVP {F}', 'V.P. {F}', 'EVP'],
  c_level: ['CEO', 'CTO', 'CFO', 'CMO', 'COO', 'Chief Revenue Officer', 'Founder & CEO', 'Co-founder', 'Owner', 'President'],
};

export const CAMPAIGN_THEMES = ['brand', 'competitor', 'roi_guide', 'benchmark_report', 'product_launch', 'webinar_series', 'retargeting', 'summit'];

/** Context a rep would see for an activity (form, page, asset). */
export const ACTIVITY_DETAILS: Readonly<Record<ActivityType, readonly string[]>> = {
  email_open: ['Newsletter', 'Product update', 'Webinar invite', 'Nurture #1', 'Nurture #2', 'Nurture #3', 'Event invite'],
  email_click: ['Newsletter', 'Product update', 'Webinar invite', 'Nurture #2', 'Case study email'],
  web_visit: ['/', '/blog/lead-scoring-101', '/blog/speed-to-lead', '/product', '/integrations', '/customers', '/about', '/careers', '/docs'],
  pricing_page_view: ['/pricing', '/pricing#enterprise', '/pricing/compare'],
  content_download: ['ebook: Lead handoff playbook', 'report: 2025 benchmark', 'whitepaper: ROI of routing', 'checklist: SLA design', 'template: scoring model'],
  webinar_registered: ['Webinar: Fix your funnel', 'Webinar: RevOps roundtable', 'Webinar: Product tour'],
  webinar_attended: ['Webinar: Fix your funnel', 'Webinar: RevOps roundtable', 'Webinar: Product tour'],
  demo_request: ['Demo request form', 'Book a meeting', 'Demo request (pricing page)'],
  pricing_request: ['Pricing request form', 'Quote request'],
  contact_form: ['Contact sales', 'Contact us', 'Talk to an expert'],
  trial_signup: ['Free trial', 'Sandbox signup'],
  chat: ['Chat: pricing question', 'Chat: integration question', 'Chat: support'],
  event_attended: ['SaaStr booth', 'Dreamforce booth', 'Regional roadshow', 'Customer dinner'],
  unsubscribe: ['All marketing email', 'Newsletter'],
};
