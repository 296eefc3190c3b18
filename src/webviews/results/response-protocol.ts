// Checks for the returned-field parts of the results protocol: the fields and cells the host
// sends, and the filter the webview asks for (bounded: it is text a user typed).
import { arrayOf, isNumber, isString, oneOf, optional, shape, type Guard } from '../shared/guards';
import type { ResponseCell, ResponseField, ResponseFilter, ResponseView, ValueCount } from '../../core/results/view/response';

/** Field names and values as records keep them (a value is cut at 1024 characters of JSON). */
const MAX_FILTER_FIELD_CHARS = 1000;
const MAX_FILTER_VALUE_CHARS = 2000;

export const isResponseFilter: Guard<ResponseFilter> = (x): x is ResponseFilter =>
  shape<ResponseFilter>({ field: isString, value: isString })(x) && x.field !== '' && x.field.length <= MAX_FILTER_FIELD_CHARS && x.value.length <= MAX_FILTER_VALUE_CHARS;

const isValueCount = shape<ValueCount>({ value: isString, count: isNumber });

export const isResponseCell: Guard<ResponseCell> = (x): x is ResponseCell =>
  shape<{ kind: ResponseCell['kind'] }>({ kind: oneOf('number', 'values') })(x) &&
  (x.kind === 'number'
    ? shape<Extract<ResponseCell, { kind: 'number' }>>({ kind: oneOf('number'), n: isNumber, mean: isNumber, p50: isNumber })(x)
    : shape<Extract<ResponseCell, { kind: 'values' }>>({ kind: oneOf('values'), values: arrayOf(isValueCount), others: isNumber })(x));

const isField = shape<ResponseField>({ name: isString, kind: oneOf('number', 'values'), calls: isNumber, values: arrayOf(isString) });

export const isResponseView = shape<ResponseView>({
  fields: arrayOf(isField),
  omitted: isNumber,
  filter: optional((x): x is NonNullable<ResponseView['filter']> => isResponseFilter(x) && shape<{ matched: number; of: number }>({ matched: isNumber, of: isNumber })(x)),
});
