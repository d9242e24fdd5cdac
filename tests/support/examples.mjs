// Named example submissions, shared by the API tests, the browser tests and the demo seed.
export const ROLE = 'ddat-service-owner-2020';

export const SKILLS = [
  'agile-working', 'financial-ownership', 'life-cycle-perspective', 'operational-management',
  'problem-ownership', 'product-ownership', 'strategic-ownership', 'user-focus',
];

/** Every skill at `level`, with evidence on user focus. */
export function allAt(level) {
  const ratings = Object.fromEntries(SKILLS.map((skill) => [skill, { level }]));
  ratings['user-focus'].evidence = 'Led research with 40 users across three channels.';
  return { role: ROLE, ratings };
}
