// FaaSET's `@cloud_function` decorator, both its v1 signature (platforms=[Platform.X], memory=,
// requirements=, containerize=) and its v2+ one (platform="aws", config={...}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnnotations } from '../../../../src/core/annotations';
import { range, single } from './problem-helpers';

const PY = '/work/notebooks/functions.py';

function decorate(decorator: string) {
  return parseAnnotations(PY, `import FaaSET\n\n${decorator}\ndef hello_world(request, context):\n    return {"message": "hi"}\n`);
}

test('single-line v2 decorator as the FaaSET tutorial writes it', () => {
  const { functions, problems } = decorate('@FaaSET.cloud_function(platform="AWS")');
  assert.deepEqual(problems, []);
  assert.deepEqual(functions, [{
    name: 'hello_world',
    file: PY,
    range: range(3, 0, 15),
    language: 'python',
    handler: 'hello_world',
    memoryMB: 256,
    timeoutS: 30,
    platforms: ['aws'],
    requirements: [],
    env: {},
    includes: [],
  }]);
});

test('no arguments: FaaSET defaults to AWS and 256 MB', () => {
  for (const decorator of ['@cloud_function()', '@cloud_function', '@FaaSET.cloud_function()']) {
    const { functions, problems } = decorate(decorator);
    assert.deepEqual(problems, [], decorator);
    assert.deepEqual([functions[0].platforms, functions[0].memoryMB], [['aws'], 256], decorator);
  }
});

test('multi-line v1 decorator with config, references and requirements', () => {
  const { functions, problems } = decorate([
    '@cloud_function(',
    '    platforms=[Platform.AWS, Platform.GCF, Platform.AZURE],  # where to deploy',
    '    memory=1024,',
    '    config={"timeout": 120, "role": "arn:aws:iam::1:role/x", "nested": {"a": [1, 2.5, None]}},',
    "    references=['data', \"templates/page.html\"],",
    "    requirements='''",
    'numpy',
    'pandas >= 2.0  # dataframes',
    "requests boto3''',",
    '    containerize=False, deploy=True, runMode=RunMode.CLOUD,',
    ')',
  ].join('\n'));
  assert.deepEqual(problems, []);
  const [spec] = functions;
  assert.deepEqual(spec.platforms, ['aws', 'gcp', 'azure']);
  assert.equal(spec.memoryMB, 1024);
  assert.equal(spec.timeoutS, 120);
  assert.deepEqual(spec.includes, ['data', 'templates/page.html']);
  assert.deepEqual(spec.requirements, ['numpy', 'pandas >= 2.0', 'requests', 'boto3']);
  assert.deepEqual(spec.range, range(13, 0, 15));
});

test('v2+ config dict carries memory and timeout; google names map to gcp', () => {
  const { functions, problems } = decorate('@FaaSET.cloud_function(platform="google_gen2", config={"memory": "512", \'timeout\': 60}, force_deploy=True)');
  assert.deepEqual(problems, []);
  assert.deepEqual([functions[0].platforms, functions[0].memoryMB, functions[0].timeoutS], [['gcp'], 512, 60]);
});

test('explicit memory= wins over config["memory"]', () => {
  assert.equal(decorate('@cloud_function(config={"memory": 2048}, memory=512)').functions[0].memoryMB, 512);
  assert.equal(decorate('@cloud_function(memory=512, config={"memory": 2048})').functions[0].memoryMB, 512);
});

test('positional arguments follow both signatures', () => {
  const v1 = decorate('@cloud_function([Platform.AZURE], 768)').functions[0];
  assert.deepEqual([v1.platforms, v1.memoryMB], [['azure'], 768]);
  const v2 = decorate('@cloud_function("aws", {"memory": 640})').functions[0];
  assert.deepEqual([v2.platforms, v2.memoryMB], [['aws'], 640]);
});

test('requirements as a list of strings', () => {
  assert.deepEqual(decorate('@cloud_function(requirements=["numpy", "scipy\\nsympy"])').functions[0].requirements, ['numpy', 'scipy', 'sympy']);
});

test('# @faas above the decorator takes precedence, with a warning naming both', () => {
  const { functions, problems } = decorate('# @faas memory=2048 platforms=local\n@FaaSET.cloud_function(platform="ibm")');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.equal(problem.message,
    'def hello_world is marked twice: "# @faas memory=2048 platforms=local" (line 3) and "@FaaSET.cloud_function" (line 4); ' +
      "FaaS Lab uses the # @faas line and ignores the decorator's settings (FaaSET uses the decorator): keep one, or make them agree.");
  assert.deepEqual(problem.range, range(3, 0, 22));
  assert.deepEqual([functions[0].platforms, functions[0].memoryMB], [['local'], 2048]);
});

test('AWS Docker platforms deploy to AWS Lambda as a container image', () => {
  const { functions, problems } = decorate('@FaaSET.cloud_function(platform="AWS Docker", config={"memory": 512})');
  assert.deepEqual(problems, []);
  assert.deepEqual(functions, [{
    name: 'hello_world',
    file: PY,
    range: range(3, 0, 15),
    language: 'python',
    handler: 'hello_world',
    memoryMB: 512,
    timeoutS: 30,
    platforms: ['aws'],
    requirements: [],
    env: {},
    includes: [],
    package: 'image',
  }]);
  for (const decorator of [
    '@cloud_function(platform="aws_docker")',
    '@cloud_function(platform="AWS Docker Debian")',
    '@cloud_function(platforms=[Platform.AWS_DOCKER, Platform.GCF])',
    '@cloud_function(platforms=["AWS Docker", "aws-docker-debian"])',
  ]) {
    const { functions, problems } = decorate(decorator);
    assert.deepEqual(problems, [], decorator);
    assert.equal(functions[0].package, 'image', decorator);
    assert.equal(functions[0].platforms[0], 'aws', decorator);
  }
});

test('plain AWS platforms leave the package to the faasLab.aws.packageType setting', () => {
  for (const decorator of ['@cloud_function(platforms=[Platform.AWS])', '@cloud_function(platform="lambda")', '@cloud_function()']) {
    assert.equal('package' in decorate(decorator).functions[0], false, decorator);
  }
});

test('malformed: AWS and AWS Docker in one decorator keep the first and skip the other', () => {
  const zipFirst = decorate('@cloud_function(platforms=[Platform.AWS, Platform.AWS_DOCKER, Platform.GCF])');
  const skipped = single(zipFirst.problems);
  assert.equal(skipped.severity, 'warning');
  assert.equal(skipped.message,
    'FaaS Lab deploys one AWS Lambda function per handler and keeps the first AWS platform listed, Platform.AWS, ' +
      'so Platform.AWS_DOCKER is skipped: list only the one you want, Platform.AWS for a zip package or Platform.AWS_DOCKER for a container image.');
  assert.deepEqual(skipped.range, range(2, 41, 60));
  assert.deepEqual(zipFirst.functions[0].platforms, ['aws', 'gcp']);
  assert.equal(zipFirst.functions[0].package, undefined);

  const imageFirst = decorate('@cloud_function(platforms=["AWS Docker", "aws"])');
  const other = single(imageFirst.problems);
  assert.equal(other.message,
    'FaaS Lab deploys one AWS Lambda function per handler and keeps the first AWS platform listed, "AWS Docker", ' +
      'so "aws" is skipped: list only the one you want, "aws" for a zip package or "AWS Docker" for a container image.');
  assert.deepEqual(other.range, range(2, 41, 46));
  assert.deepEqual([imageFirst.functions[0].platforms, imageFirst.functions[0].package], [['aws'], 'image']);
});

test('# @faas above an AWS Docker decorator takes precedence, package= included', () => {
  const zip = decorate('# @faas platforms=aws package=zip\n@FaaSET.cloud_function(platform="AWS Docker")');
  assert.match(single(zip.problems).message, /^def hello_world is marked twice: "# @faas platforms=aws package=zip" \(line 3\) and "@FaaSET.cloud_function" \(line 4\)/);
  assert.deepEqual([zip.functions[0].platforms, zip.functions[0].package], [['aws'], 'zip']);
  // The @faas line replaces the whole decorator, as it does for memory and timeout.
  const unset = decorate('# @faas memory=512\n@FaaSET.cloud_function(platform="AWS Docker")');
  assert.match(single(unset.problems).message, /^def hello_world is marked twice/);
  assert.deepEqual([unset.functions[0].platforms, unset.functions[0].package], [['local'], undefined]);
});

test('decorators FaaSET commented out into a string are ignored', () => {
  const text = [
    '""" AUTOMATICALLY COMMENTED OUT BY FaaSET ',
    '@FaaSET.cloud_function(platform="AWS Docker Debian", config={"memory": 259})',
    '"""',
    '',
    'def yourFunction(request, context):',
    '    pass',
  ].join('\n');
  assert.deepEqual(parseAnnotations(PY, text), { functions: [], problems: [] });
});

test('malformed: unsupported platform warns and names the supported ones', () => {
  const { functions, problems } = decorate('@cloud_function(platforms=[Platform.AWS, Platform.IBM])');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  // Every platform FaaS Lab deploys to is named: local, Docker, AWS, Google, Azure and OpenFaaS.
  assert.match(problem.message, /does not support the FaaSET platform Platform.IBM.*deploys to "local", "docker", Platform.AWS \("aws"\), Platform.GCF \("google"\), Platform.AZURE \("azure"\) or Platform.OPENFAAS \("openfaas"\)\./);
  assert.deepEqual(problem.range, range(2, 41, 53));
  assert.deepEqual(functions[0].platforms, ['aws']);
});

test('malformed: only unsupported platforms leaves the function on local', () => {
  const { functions, problems } = decorate('@FaaSET.cloud_function(platform="ibm_cloud_functions")');
  const problem = single(problems);
  assert.match(problem.message, /platform "ibm_cloud_functions".*local platform only/);
  assert.deepEqual(problem.range, range(2, 32, 53));
  assert.deepEqual(functions[0].platforms, ['local']);
});

test('malformed: an expression FaaSET could run but FaaS Lab cannot read', () => {
  const { functions, problems } = decorate('@cloud_function(memory=256 * 2)');
  const problem = single(problems);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /cloud_function arguments: Cannot read "\*" here: FaaS Lab reads literal values only/);
  assert.deepEqual(problem.range, range(2, 27, 28));
  assert.deepEqual(functions, []);
});

test('malformed: a function call in the arguments', () => {
  const problem = single(decorate('@cloud_function(\n    config=load_config("x.json"),\n)').problems);
  assert.match(problem.message, /Cannot read the call load_config\(\.\.\.\)/);
  assert.deepEqual(problem.range, range(3, 11, 22));
});

test('malformed: a decorator call that never closes', () => {
  const problem = single(decorate('@cloud_function(memory=512,').problems);
  assert.match(problem.message, /never closed: add the missing "\)"/);
  assert.deepEqual(problem.range, range(2, 15, 16));
});

test('malformed: memory out of range in config', () => {
  const problem = single(decorate('@cloud_function(config={"memory": 64})').problems);
  assert.match(problem.message, /memory must be a whole number of MB from 128 to 10240, not 64: write e.g. "memory": 512/);
  assert.deepEqual(problem.range, range(2, 34, 36));
});

test('config held in a variable cannot be read: warning', () => {
  const { functions, problems } = decorate('@FaaSET.cloud_function(platform="aws_docker_debian", config=config)');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /cannot read the variable config.*config=\{"memory": 512, "timeout": 60\}/);
  assert.deepEqual(problem.range, range(2, 60, 66));
  assert.deepEqual([functions[0].platforms, functions[0].package, functions[0].memoryMB], [['aws'], 'image', 256]);
});

test('unknown arguments and containerize are warnings; function references become call stubs', () => {
  const { functions, problems } = decorate('@cloud_function(memroy=512, containerize=True, references=[helper])');
  assert.deepEqual(problems.map((p) => [p.severity, p.range.startCol]), [['warning', 16], ['warning', 41]]);
  assert.match(problems[0].message, /no argument "memroy".*Did you mean "memory"\?/);
  assert.equal(problems[1].message,
    'FaaS Lab does not read containerize, so it is ignored: to deploy a container image to AWS Lambda, list an AWS Docker platform instead (platform="AWS Docker").');
  assert.equal(functions.length, 1);
  assert.deepEqual(functions[0].references, ['helper']);
});

test('malformed: decorator above something other than a def', () => {
  const problem = single(parseAnnotations(PY, '@FaaSET.cloud_function(platform="aws")\nclass Handler:\n    pass\n').problems);
  assert.match(problem.message, /cloud_function must sit directly above a top-level def.*followed by "class Handler:"/);
  assert.deepEqual(problem.range, range(0, 0, 22));
});

test('malformed: decorator on a nested def', () => {
  const problem = single(parseAnnotations(PY, 'if True:\n    @cloud_function()\n    def f(request, context):\n        pass\n').problems);
  assert.match(problem.message, /f is nested inside another block/);
  assert.deepEqual(problem.range, range(1, 4, 19));
});

test('config= given as a module-level variable is read from its assignment above the decorator', () => {
  const text = [
    'import FaaSET',
    'function_config = {"memory": 64}',
    'function_config = {',
    '    "memory": 512,',
    '    "timeout": 60,',
    '}',
    '@FaaSET.cloud_function(platform="aws", config=function_config)',
    'def hello_world(request, context):',
    '    return {}',
    'function_config = {"memory": 2048}',
  ].join('\n');
  const { functions, problems } = parseAnnotations(PY, text);
  assert.deepEqual(problems, []);
  assert.deepEqual([functions[0].memoryMB, functions[0].timeoutS, functions[0].platforms], [512, 60, ['aws']]);
});

test('a config variable with a bad value is reported where the value is written', () => {
  const { problems } = parseAnnotations(PY, 'cfg = {"memory": 64}\n@cloud_function(config=cfg)\ndef f(request, context):\n    pass\n');
  const problem = single(problems);
  assert.match(problem.message, /memory must be a whole number of MB from 128 to 10240, not 64/);
  assert.deepEqual(problem.range, range(0, 17, 19));
});

test('a config variable set by a call cannot be read: warning that says why', () => {
  const { functions, problems } = parseAnnotations(PY, 'import json\ncfg = json.load(open("c.json"))\n@cloud_function(config=cfg)\ndef f(request, context):\n    pass\n');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /cannot read the variable cfg \(it is not set to a literal dict above this decorator\)/);
  assert.deepEqual(problem.range, range(2, 23, 26));
  assert.equal(functions[0].memoryMB, 256);
});

test('a platform name FaaSET never had is an error with a suggestion, not a silent deploy to local', () => {
  const typo = parseAnnotations(PY, '@cloud_function(platform="awz")\ndef f(request, context):\n    pass\n');
  assert.deepEqual(typo.functions, []);
  const problem = single(typo.problems);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /^"awz" is not a FaaSET platform, so FaaS Lab cannot tell where to deploy it\. Did you mean "aws"\? Write one of "local", "docker", Platform.AWS/);
  assert.deepEqual(problem.range, range(0, 25, 30));
  const unknown = parseAnnotations(PY, '@cloud_function(platforms=[Platform.AWS, Platform.LAMBDA_EDGE])\ndef f(request, context):\n    pass\n');
  assert.equal(single(unknown.problems).severity, 'error');
  assert.match(unknown.problems[0].message, /Platform.LAMBDA_EDGE is not a FaaSET platform/);
});

test('FaaSET platforms FaaS Lab cannot deploy to (IBM, DigitalOcean) are named in a warning', () => {
  for (const [decorator, shown] of [['platform="IBM"', '"IBM"'], ['platforms=[Platform.IBM_CLOUD_FUNCTIONS_DOCKER]', 'Platform.IBM_CLOUD_FUNCTIONS_DOCKER'], ['platform="digital_ocean"', '"digital_ocean"']]) {
    const { problems } = parseAnnotations(PY, `@cloud_function(${decorator})\ndef f(request, context):\n    pass\n`);
    const problem = single(problems);
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.startsWith(`FaaS Lab does not support the FaaSET platform ${shown}, so it is skipped`), problem.message);
  }
});

test('FaaSET\'s OpenFaaS platforms deploy to openfaas, beside the others listed', () => {
  for (const decorator of ['platform="OpenFaaS"', 'platforms=[Platform.OPENFAAS]', 'platform="openfaas_eks"']) {
    const { functions, problems } = parseAnnotations(PY, `@cloud_function(${decorator})\ndef f(request, context):\n    pass\n`);
    assert.deepEqual(problems, [], decorator);
    assert.deepEqual(functions[0].platforms, ['openfaas'], decorator);
  }
  const { functions, problems } = decorate('@cloud_function(platforms=[Platform.AWS, Platform.OPENFAAS, Platform.IBM], memory=512)');
  assert.deepEqual(functions[0].platforms, ['aws', 'openfaas']);
  assert.equal(functions[0].memoryMB, 512);
  // IBM stays one FaaS Lab cannot deploy to, with the warning at its position.
  const problem = single(problems);
  assert.match(problem.message, /FaaS Lab does not support the FaaSET platform Platform.IBM, so it is skipped/);
  assert.deepEqual(problem.range, range(2, 60, 72));
});
