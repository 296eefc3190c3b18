// The Python literal reader behind FaaSET decorators: values it reads and what it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCallArgs, PyLiteralError, type PyValue } from '../../../../src/core/annotations/pyLiteral';

/** Reads `(args)` and returns plain JS values, dropping offsets. */
function read(args: string): Record<string, unknown> {
  const { args: parsed } = parseCallArgs(`(${args})`, 0);
  return Object.fromEntries(parsed.map((arg, i) => [arg.keyword ?? `#${i}`, plain(arg.value)]));
}

function plain(value: PyValue): unknown {
  switch (value.kind) {
    case 'list':
      return value.items.map(plain);
    case 'dict':
      return value.entries.map(({ key, value: v }) => [plain(key), plain(v)]);
    case 'none':
      return null;
    case 'name':
      return { name: value.path };
    default:
      return value.value;
  }
}

test('strings: quotes, prefixes, escapes, triple quotes and adjacent joining', () => {
  assert.deepEqual(read(`a='x', b="y\\n\\"z\\"", c=r'\\d+', d=b"raw", e="""one
two""", f="ab" 'cd'
  "ef"`), { a: 'x', b: 'y\n"z"', c: '\\d+', d: 'raw', e: 'one\ntwo', f: 'abcdef' });
});

test('numbers, booleans, None and dotted names', () => {
  assert.deepEqual(read('1_024, -3, 2.5, 0x10, True, False, None, Platform . AWS, config'), {
    '#0': 1024, '#1': -3, '#2': 2.5, '#3': 16, '#4': true, '#5': false, '#6': null, '#7': { name: 'Platform.AWS' }, '#8': { name: 'config' },
  });
});

test('lists, tuples, sets, dicts, nesting, comments and trailing commas', () => {
  assert.deepEqual(read(`
    platforms=[Platform.AWS, "gcp",],  # comment with ) and ]
    t=(1, 2), one=("x"), single=(1,), s={"a", "b"},
    config={"memory": 512, "nested": {"k": [None]}},
  `), {
    platforms: [{ name: 'Platform.AWS' }, 'gcp'],
    t: [1, 2],
    one: 'x',
    single: [1],
    s: ['a', 'b'],
    config: [['memory', 512], ['nested', [['k', [null]]]]],
  });
});

test('keyword detection does not mistake == for =', () => {
  assert.throws(() => read('a == 1'), PyLiteralError);
});

test('refuses expressions and calls with the offending span', () => {
  const cases: [string, number, number, RegExp][] = [
    ['memory=2*256', 9, 10, /Cannot read "\*"/],
    ['config=dict(a=1)', 8, 12, /Cannot read the call dict\(\.\.\.\)/],
    ['x=[1, 2', 3, 4, /This list is never closed: add "\]"/],
    ['x={"a": 1', 3, 4, /This dict is never closed/],
    ['x="abc', 3, 8, /This string is never closed: add the closing "/],
    ['**kwargs', 1, 2, /Cannot read "\*"/],
  ];
  for (const [args, start, end, message] of cases) {
    try {
      parseCallArgs(`(${args})`, 0);
      assert.fail(`expected ${args} to be refused`);
    } catch (error) {
      assert.ok(error instanceof PyLiteralError, String(error));
      assert.match(error.message, message, args);
      assert.deepEqual(error.span, { start, end }, args);
    }
  }
});
