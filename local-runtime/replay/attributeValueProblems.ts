/** One problem in a DynamoDB JSON value: the dotted path of the field and what is wrong. */
export interface ShapeProblem {
  field: string;
  message: string;
}

const EXPECTED = 'expected a DynamoDB attribute value like {"S": "…"}';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isDecimal = (value: unknown): boolean => typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value);
const isBase64 = (value: unknown): boolean => typeof value === 'string' && value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);

type Check = (value: unknown, field: string, problems: ShapeProblem[]) => void;

const scalar = (ok: (value: unknown) => boolean, what: string): Check => (value, field, problems) => {
  if (!ok(value)) problems.push({ field, message: `expected ${what}, got ${JSON.stringify(value)}` });
};

const set = (ok: (value: unknown) => boolean, what: string): Check => (value, field, problems) => {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field, message: `expected a non-empty array of ${what}` });
    return;
  }
  value.forEach((member, i) => scalar(ok, what)(member, `${field}[${i}]`, problems));
};

/** The checks per type descriptor (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html). */
const TYPES: Record<string, Check> = {
  S: scalar((v) => typeof v === 'string', 'a string'),
  N: scalar(isDecimal, 'a number as a string, e.g. "42"'),
  B: scalar(isBase64, 'base64 text'),
  BOOL: scalar((v) => typeof v === 'boolean', 'true or false'),
  NULL: scalar((v) => v === true, 'true'),
  SS: set((v) => typeof v === 'string', 'strings'),
  NS: set(isDecimal, 'numbers as strings'),
  BS: set(isBase64, 'base64 texts'),
  M: (value, field, problems) => itemProblems(value, field, problems),
  L: (value, field, problems) => {
    if (!Array.isArray(value)) problems.push({ field, message: 'expected an array of attribute values' });
    else value.forEach((member, i) => attributeValueProblems(member, `${field}[${i}]`, problems));
  },
};

/** Appends the problems of one attribute value (`{"S": "x"}`, `{"M": {…}}`, …) at `field`. */
export function attributeValueProblems(value: unknown, field: string, problems: ShapeProblem[] = []): ShapeProblem[] {
  const keys = isObject(value) ? Object.keys(value) : [];
  const type = keys.length === 1 ? keys[0]! : undefined;
  const check = type !== undefined && Object.hasOwn(TYPES, type) ? TYPES[type]! : undefined;
  if (!isObject(value) || check === undefined) {
    problems.push({ field, message: EXPECTED });
    return problems;
  }
  check(value[type!], `${field}.${type}`, problems);
  return problems;
}

/** Appends the problems of an item or map (`{"name": <attribute value>, …}`) at `field`. */
export function itemProblems(value: unknown, field: string, problems: ShapeProblem[] = []): ShapeProblem[] {
  if (!isObject(value)) {
    problems.push({ field, message: 'expected an object of attribute values like {"PK": {"S": "…"}}' });
    return problems;
  }
  for (const [name, member] of Object.entries(value)) attributeValueProblems(member, `${field}.${name}`, problems);
  return problems;
}
