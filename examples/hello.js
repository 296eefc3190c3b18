// The smallest FaaS Lab handler: a plain function of (request, context).
// The annotation below makes it deployable; CodeLens shows Deploy and Invoke above it.

// @faas memory=128 timeout=10 platforms=local
export async function hello(request, context) {
  const name = request.name ?? 'world';
  return { message: `Hello, ${name}!`, function: context.functionName };
}
