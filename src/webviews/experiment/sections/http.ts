// Platform "http": the endpoint FaaS Lab calls without deploying it, and how each call is made
// (method, headers, body template); without an endpoint, the one linked under the function's name.
import { bindingSection, choiceBinding, grid, jsonObjectBinding, sectionElement, textBinding, type FormContext, type Section } from './common';

export function httpSection(ctx: FormContext): Section {
  const endpoint = textBinding(ctx, 'endpoint', {
    label: 'Endpoint URL',
    hint: 'The URL each payload is sent to. Empty: the endpoint linked under the function’s name (faas-lab link).',
    placeholder: 'http://127.0.0.1:31112/function/hello',
    wide: true,
  });
  const method = choiceBinding(ctx, 'method', { label: 'Method', hint: 'GET, HEAD and OPTIONS send no body.', defaultValue: 'POST' });
  const bodyTemplate = textBinding(ctx, 'bodyTemplate', {
    label: 'Body template',
    hint: '{{payload}}: the whole payload as JSON; {{payload.name}}: one field. Empty: the payload as JSON.',
    placeholder: '{"name": "{{payload.name}}"}',
  });
  const headers = jsonObjectBinding(ctx, 'headers', {
    label: 'Headers',
    hint: 'Sent with each call and copied into run.json: keep tokens in a link (faas-lab link --header) instead.',
    placeholder: '{"Authorization": "Bearer …"}',
  });
  const root = sectionElement('http', 'HTTP endpoint', 'Platform "http" only: an endpoint FaaS Lab calls but never deploys or reconfigures.', grid(endpoint), grid(method, bodyTemplate), grid(headers));
  return bindingSection(root, [endpoint, method, bodyTemplate, headers]);
}
