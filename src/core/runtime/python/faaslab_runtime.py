"""FaaS Lab runtime shim for Python handlers (Python 3.9+, standard library only).

Calls a user's ``handler(request, context)`` (a plain ``def`` or an ``async def``) and measures
the call SAAF-style. Four ways in:

* ``run_with_metrics(handler, request, context)`` -- the core every adapter uses;
* ``lambda_handler(handler)`` -- an AWS Lambda handler (plain return value, or result and metrics
  when the event is ``{"__faaslab": {"metrics": true}, "payload": ...}``); ``lambda_entry`` does
  the same for the handler named by the FAASLAB_HANDLER environment variable;
* ``python3 -u faaslab_runtime.py`` with FAASLAB_HANDLER=module.func -- the local platform's
  instance process: JSON lines on file descriptor 3, so stdout and stderr stay the function's logs;
* ``python3 -u faaslab_runtime.py --http`` -- the same handler behind HTTP for containers
  (``POST /`` calls it, ``GET /healthz`` answers once it is loaded; see ``serve_http``).

Where /proc is missing (macOS, Windows) the fields it would give are left out, never guessed.
Imports are kept to cheap modules: this file's load time is part of every cold start.
"""

import json
import os
import re
import sys
import time
import traceback

_STARTED = time.perf_counter()

_CPU_FIELDS = (
    "cpuUserDelta",
    "cpuNiceDelta",
    "cpuKernelDelta",
    "cpuIdleDelta",
    "cpuIOWaitDelta",
    "cpuIrqDelta",
    "cpuSoftIrqDelta",
    "cpuStealDelta",
)


def _uuid4():
    # uuid.uuid4() without importing the uuid module (a few ms of every cold start).
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def _ms_per_tick():
    # /proc/stat counts USER_HZ ticks; SAAF's Python Inspector reports CPU time in ms.
    try:
        return 1000.0 / os.sysconf("SC_CLK_TCK")
    except (AttributeError, ValueError, OSError):
        return 10.0


_MS_PER_TICK = _ms_per_tick()
_INSTANCE_UUID = _uuid4()
_calls = 0
_fixed = None
_missing = set()


def _read(path, limit=-1):
    if path in _missing:
        return None
    try:
        with open(path, "rb") as f:
            return f.read(limit).decode("latin-1")
    except OSError:
        _missing.add(path)
        return None


def _field(text, key, colon=False):
    """Value after `key` on its line: `key value` (/proc/stat, vmstat) or `key : value` (cpuinfo, meminfo)."""
    if text is None:
        return None
    for line in text.splitlines():
        if line.startswith(key):
            rest = line[len(key):]
            if colon:
                rest = rest.lstrip(" \t")
                if rest.startswith(":"):
                    return rest[1:].strip()
            elif rest[:1] in (" ", "\t"):
                return rest.strip()
    return None


def _number(value):
    if value is None or value == "":
        return None
    try:
        n = float(value)
    except ValueError:
        return None
    return int(n) if n.is_integer() else n


def _fixed_metrics():
    """Fields that cannot change while the process lives, read once."""
    global _fixed
    if _fixed is None:
        cpuinfo = _read("/proc/cpuinfo", 8192)  # the first CPU is enough; the file grows with cores
        stat = _read("/proc/stat")
        _fixed = _defined(
            {
                "vmuptime": _number(_field(stat, "btime")),
                "cpuType": _field(cpuinfo, "model name", colon=True),
                "cpuModel": _field(cpuinfo, "model", colon=True),
                "cpuCores": os.cpu_count(),
                "lang": "python",
                "version": "%d.%d.%d" % sys.version_info[:3],
            }
        )
    return _fixed


def _sample_machine():
    stat = _read("/proc/stat")
    vmstat = _read("/proc/vmstat")
    sample = {}
    if stat is not None:
        cpu = _field(stat, "cpu")
        if cpu is not None:
            sample["cpu"] = [int(v) for v in cpu.split()[: len(_CPU_FIELDS)]]
        ctxt = _field(stat, "ctxt")
        if ctxt is not None:
            sample["ctxt"] = int(ctxt)
    pgfault = _field(vmstat, "pgfault")
    if pgfault is not None:
        sample["pgfault"] = int(pgfault)
    return sample


def _memory_info():
    """totalMemory and freeMemory in kB, as /proc/meminfo and SAAF give them."""
    meminfo = _read("/proc/meminfo")
    out = {}
    for key, name in (("MemTotal", "totalMemory"), ("MemFree", "freeMemory")):
        value = _field(meminfo, key, colon=True)
        if value is not None:
            out[name] = int(value.split()[0])
    return out


def _process_cpu():
    try:
        import resource  # not on Windows
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime, usage.ru_stime)


def _platform_info(function_name, function_memory):
    env = os.environ
    memory = function_memory
    if memory is None:
        memory = _number(env.get("FAASLAB_MEMORY_MB") or env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"))
    name = function_name or next(
        (env[k] for k in ("FAASLAB_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_NAME", "K_SERVICE", "WEBSITE_SITE_NAME") if env.get(k)),
        None,
    )
    region = next((env[k] for k in ("FAASLAB_REGION", "AWS_REGION", "FUNCTION_REGION", "REGION_NAME") if env.get(k)), None)
    return {"functionMemory": memory, "functionRegion": region, "functionName": name}


def _defined(d):
    return {k: v for k, v in d.items() if v is not None}


def _count_call():
    """1 for the instance's first call (a new container), else 0."""
    global _calls
    _calls += 1
    return 1 if _calls == 1 else 0


def _platform_here():
    """The platform this process runs on, as a message names it (from the variables each one sets)."""
    env = os.environ
    if env.get("AWS_LAMBDA_FUNCTION_NAME"):
        return "AWS Lambda"
    if env.get("K_SERVICE") or env.get("FUNCTION_TARGET"):
        return "Google Cloud Functions"
    if env.get("FUNCTIONS_WORKER_RUNTIME") or env.get("WEBSITE_SITE_NAME"):
        return "Azure Functions"
    if env.get("FAASLAB_FUNCTION_NAME"):
        return "FaaS Lab's Docker platform"
    return "this machine outside FaaS Lab"


class Context:
    """The second argument every handler receives. Names follow Lambda's Python context."""

    def __init__(self, function_name, memory_limit_in_mb, request_id, deadline_ms, platform_context=None, invoke=None):
        self.function_name = function_name
        self._invoke = invoke
        self.memory_limit_in_mb = memory_limit_in_mb
        self.request_id = request_id
        # Handlers written for Lambda read aws_request_id.
        self.aws_request_id = request_id
        self.platform_context = platform_context
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        if self._deadline_ms is None:
            return sys.maxsize
        return max(0, int(self._deadline_ms - time.time() * 1000))

    def log(self, *args):
        print(*args, flush=True)

    def invoke(self, name, payload=None):
        """Calls another FaaS Lab function on the same platform; returns its result, raises its error."""
        if self._invoke is None:
            raise RuntimeError(
                "context.invoke is not available on " + _platform_here() + ": this call did not come through FaaS Lab's shim, "
                "which gives the function its way to call another one. FaaS Lab's shim gives it on every platform it runs on (local, Docker, AWS Lambda, Google Cloud Functions, Azure Functions): deploy both functions there with FaaS Lab, or call "
                + repr(name) + " through its own URL or API from here"
            )
        if not isinstance(name, str) or not name:
            raise TypeError("context.invoke(name, payload): name must be the name of a deployed FaaS Lab function")
        return self._invoke(name, payload)


class NestedCallError(Exception):
    """The function context.invoke called ended in an error; `type` is the callee's error type."""

    def __init__(self, error):
        super().__init__(error.get("message", ""))
        self.type = error.get("type", "Error")


def _channel_invoker(channel, lines):
    """context.invoke over the fd 3 channel: the request goes out, the handler waits for its answer."""
    numbers = iter(range(1, sys.maxsize))

    def invoke(name, payload):
        number = next(numbers)
        request = {"invoke": number, "name": name}
        if payload is not None:
            request["payload"] = payload
        # Encoded before sending, so a payload JSON cannot carry fails in the caller's own code.
        channel.sendall((json.dumps(request, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8"))
        # One call at a time: while the handler waits, the only line the provider sends is this answer.
        for line in lines:
            answer = json.loads(line) if line.strip() else {}
            if answer.get("invoke") != number:
                continue
            return _settled(answer)
        raise RuntimeError("The local platform closed the channel during context.invoke")

    return invoke


def _settled(answer):
    """The nested call's result, or its error raised as the callee's."""
    if answer.get("ok"):
        return answer.get("result")
    raise NestedCallError(answer.get("error") or {})


def _endpoint_invoker(env=None):
    """context.invoke through the provider's endpoint (FAASLAB_INVOKE_URL with FAASLAB_INVOKE_TOKEN), or None."""
    env = os.environ if env is None else env
    url, token = env.get("FAASLAB_INVOKE_URL"), env.get("FAASLAB_INVOKE_TOKEN")
    if not url or not token:
        return None

    def invoke(name, payload):
        import http.client  # only handlers that call out pay for it
        from urllib.parse import urlsplit

        request = {"name": name}
        if payload is not None:
            request["payload"] = payload
        body = json.dumps(request, allow_nan=False, separators=(",", ":")).encode("utf-8")
        parts = urlsplit(url)
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port or 80)
            conn.request("POST", parts.path or "/", body, {"Content-Type": "application/json", "x-faaslab-invoke-token": token})
            text = conn.getresponse().read()
            conn.close()
        except OSError as exc:
            raise RuntimeError(
                "context.invoke could not reach FaaS Lab at %s (%s): the Docker provider answers there while it runs the call; "
                "on a network other than host, the engine must route host.docker.internal to the loopback of the machine running "
                "FaaS Lab (Docker Desktop does), else set faasLab.docker.networkMode to host" % (url, exc)
            )
        return _settled(json.loads(text))

    return invoke


def _trace_of(given):
    """The ids a call runs under: those its caller sent, else a new tree with this call at the top."""
    g = given if isinstance(given, dict) else {}
    if isinstance(g.get("traceId"), str) and g["traceId"] and isinstance(g.get("callId"), str) and g["callId"]:
        trace = {"traceId": g["traceId"], "callId": g["callId"]}
        if isinstance(g.get("parentId"), str) and g["parentId"]:
            trace["parentId"] = g["parentId"]
        return trace
    new_id = _uuid4()
    return {"traceId": new_id, "callId": new_id}


class _CallTree:
    """One call's context.invoke on a cloud platform: `send` calls the callee (passing it the child's
    ids); each call is timed here and kept, with the callee's own nested calls, for the outcome."""

    def __init__(self, trace, send):
        self.trace = trace
        self.nested = []
        self._send = send

    def invoke(self, name, payload):
        child = {"traceId": self.trace["traceId"], "callId": _uuid4(), "parentId": self.trace["callId"]}
        client_start = int(time.time() * 1000)
        t0 = time.perf_counter()
        outcome = self._send(name, payload, child)
        record = dict(outcome)
        record.update(
            function=name,
            trace=child,
            clientStart=client_start,
            clientEnd=int(time.time() * 1000),
            roundTripMs=round((time.perf_counter() - t0) * 1000, 3),
        )
        self.nested.append(record)
        if outcome["status"] == "ok":
            return outcome.get("result")
        raise NestedCallError(outcome.get("error") or {"type": outcome["status"], "message": "%s ended %s" % (name, outcome["status"])})

    def attach(self, outcome):
        """The outcome with the calls it made and the ids it ran under; as it was when it made none."""
        if self.nested:
            outcome = dict(outcome, nested=self.nested, trace=self.trace)
        return outcome


def _shim_outcome(body):
    """A FaaS Lab shim's {ok, result|error, metrics, nested} as a nested call's outcome; None for any other answer."""
    if not isinstance(body, dict) or not isinstance(body.get("ok"), bool) or not isinstance(body.get("metrics"), dict):
        return None
    out = {"metrics": body["metrics"]}
    if "newcontainer" in body["metrics"]:
        out["cold"] = body["metrics"]["newcontainer"] == 1
    if isinstance(body.get("nested"), list):
        out["nested"] = body["nested"]
    if body["ok"]:
        out.update(status="ok", result=body.get("result"))
    else:
        error = body.get("error")
        out.update(status="error", error=error if isinstance(error, dict) and isinstance(error.get("type"), str) else {"type": "Error", "message": str(error)})
    return out


def _post(url, headers, body):
    """One HTTP(S) POST: (status, lower-cased headers, body text)."""
    import http.client  # only handlers that call out pay for these
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(parts.hostname, parts.port)
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn.request("POST", path, body, headers)
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _json_or_none(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


# Headers that carry a nested call's ids to its callee on the HTTP platforms (Google, Azure).
TRACE_HEADERS = {"traceId": "x-faaslab-trace-id", "callId": "x-faaslab-call-id", "parentId": "x-faaslab-parent-id"}


def _trace_from_headers(get):
    """The trace ids a request carries (get(name) -> value or None), as _trace_of reads them."""
    return {key: get(header) for key, header in TRACE_HEADERS.items()}


def _http_sender(platform, resolve):
    """Sends a nested call to the callee's URL: resolve(name) -> (url, auth headers), raising when unknown."""

    def send(name, payload, trace):
        url, auth = resolve(name)
        headers = dict(auth)
        headers.update({"content-type": "application/json", "x-faaslab-metrics": "1"})
        headers.update({header: trace[key] for key, header in TRACE_HEADERS.items() if trace.get(key)})
        body = b"" if payload is None else json.dumps(payload, allow_nan=False, separators=(",", ":")).encode("utf-8")
        status, _, text = _post(url, headers, body)
        return _http_outcome(platform, name, url, status, text)

    return send


def _http_outcome(platform, name, url, status, text):
    """The callee's HTTP answer as the nested call's outcome; a call the platform refused (no such URL, auth) is raised."""
    body = _json_or_none(text)
    if status == 200:
        outcome = _shim_outcome(body)
        return outcome if outcome is not None else {"status": "ok", "result": text if body is None else body, "metrics": {}}
    if status == 429:
        return {"status": "throttled", "error": {"type": "Throttled", "message": "%s throttled %s (HTTP 429)" % (platform, name)}, "metrics": {}}
    if status in (408, 504):
        return {"status": "timeout", "error": {"type": "Timeout", "message": "%s did not answer within its timeout (HTTP %d)" % (name, status)}, "metrics": {}}
    said = " ".join(text.split())[:300]
    if status >= 500:
        shim_error = body.get("error") if isinstance(body, dict) else None
        if isinstance(shim_error, dict) and isinstance(shim_error.get("type"), str):
            error = {"type": shim_error["type"], "message": str(shim_error.get("message", ""))}
        else:
            error = {"type": "PlatformError", "message": "%s could not complete the call to %s (HTTP %d%s)" % (platform, name, status, ": " + said if said else "")}
        return {"status": "error", "error": error, "metrics": {}}
    if status == 404:
        kind, message = "FunctionNotFound", "context.invoke: nothing answers for %s at %s (HTTP 404): deploy it first (faas-lab deploy <file> --platform …)" % (name, url)
    elif status in (401, 403):
        kind = "InvokeRefused"
        message = "context.invoke of %s was refused (HTTP %d): %s did not accept this function's credentials for it%s" % (name, status, platform, " (%s)" % said if said else "")
    else:
        kind, message = "InvokeFailed", "context.invoke of %s: %s answered HTTP %d%s" % (name, platform, status, ": " + said if said else "")
    raise NestedCallError({"type": kind, "message": message})


def _sigv4_headers(method, host, path, headers, body, creds, region, service, now=None):
    """AWS Signature Version 4 (AWS's documented algorithm) for one request: the headers to send."""
    import hashlib
    import hmac
    from urllib.parse import quote

    now = time.gmtime() if now is None else now
    amz_date = time.strftime("%Y%m%dT%H%M%SZ", now)
    day = amz_date[:8]
    out = dict(headers, host=host)
    out["x-amz-date"] = amz_date
    if creds.get("sessionToken"):
        out["x-amz-security-token"] = creds["sessionToken"]
    lower = {k.lower(): " ".join(str(v).split()) for k, v in out.items()}
    names = sorted(lower)
    signed = ";".join(names)
    # Services other than S3 sign the path URI-encoded twice: each segment of the sent path once more.
    canonical_path = "/".join(quote(segment, safe="-_.~") for segment in path.split("/"))
    canonical = "\n".join(
        [method, canonical_path, "", "".join("%s:%s\n" % (n, lower[n]) for n in names), signed, hashlib.sha256(body).hexdigest()]
    )
    scope = "%s/%s/%s/aws4_request" % (day, region, service)
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = ("AWS4" + creds["secretAccessKey"]).encode("utf-8")
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    out["authorization"] = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (creds["accessKeyId"], scope, signed, signature)
    return out


def _lambda_sender(env=None):
    """Sends a nested call through Lambda's Invoke API, signed with the function's own credentials.

    AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL (as the AWS SDKs read them) point it elsewhere."""
    env = os.environ if env is None else env

    def send(name, payload, trace):
        from urllib.parse import quote, urlsplit

        region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
        creds = {"accessKeyId": env.get("AWS_ACCESS_KEY_ID"), "secretAccessKey": env.get("AWS_SECRET_ACCESS_KEY"), "sessionToken": env.get("AWS_SESSION_TOKEN")}
        if not region or not creds["accessKeyId"] or not creds["secretAccessKey"]:
            raise RuntimeError(
                "context.invoke on AWS Lambda needs the function's region and credentials (AWS_REGION, AWS_ACCESS_KEY_ID, "
                "AWS_SECRET_ACCESS_KEY), which Lambda sets: do not override them in the function's environment"
            )
        base = env.get("AWS_ENDPOINT_URL_LAMBDA") or env.get("AWS_ENDPOINT_URL") or "https://lambda.%s.amazonaws.com" % region
        parts = urlsplit(base)
        path = "%s/2015-03-31/functions/%s/invocations" % (parts.path.rstrip("/"), quote(name, safe=""))
        envelope = {"__faaslab": {"metrics": True, "trace": trace}}
        if payload is not None:
            envelope["payload"] = payload
        body = json.dumps(envelope, allow_nan=False, separators=(",", ":")).encode("utf-8")
        headers = _sigv4_headers(
            "POST", parts.netloc, path, {"content-type": "application/json", "x-amz-invocation-type": "RequestResponse"}, body, creds, region, "lambda"
        )
        status, answer_headers, text = _post("%s://%s%s" % (parts.scheme, parts.netloc, path), headers, body)
        return _lambda_outcome(name, region, status, answer_headers, text)

    return send


def _lambda_outcome(name, region, status, headers, text):
    """Lambda's answer as the nested call's outcome; an API refusal (no such function, no permission) is raised."""
    body = _json_or_none(text)
    said = body.get("message") or body.get("Message") if isinstance(body, dict) else None
    said = said or text
    if status == 429:
        return {"status": "throttled", "error": {"type": "Throttled", "message": "Lambda throttled %s: %s" % (name, said)}, "metrics": {}}
    if status != 200:
        kind = (headers.get("x-amzn-errortype") or "").split(":")[0] or "HTTP%d" % status
        message = "context.invoke of %s: Lambda answered %d %s: %s" % (name, status, kind, said)
        if status == 404:
            message = "context.invoke: no Lambda function '%s' in %s: deploy it first (faas-lab deploy <file> --platform aws)" % (name, region)
        elif status == 403:
            message = (
                "context.invoke of %s was refused (%s): the function's execution role needs lambda:InvokeFunction on it "
                "(FaaS Lab's own role has it for the functions FaaS Lab deployed)" % (name, said)
            )
        raise NestedCallError({"type": kind, "message": message})
    if headers.get("x-amz-function-error"):
        # The runtime could not complete the call (timeout, crash, out of memory): Lambda's {errorType, errorMessage}.
        b = body if isinstance(body, dict) else {}
        message = b.get("errorMessage") if isinstance(b.get("errorMessage"), str) else (text or "%s failed without an error message" % name)
        kind = b.get("errorType") if isinstance(b.get("errorType"), str) else "FunctionError"
        timeout = kind == "Sandbox.Timedout" or "Task timed out after" in message
        return {"status": "timeout" if timeout else "error", "error": {"type": "Timeout" if timeout else kind, "message": message}, "metrics": {}}
    outcome = _shim_outcome(body)
    if outcome is None:
        outcome = {"status": "ok", "result": text if body is None else body, "metrics": {}}
    return outcome


def error_record(exc):
    tb = exc.__traceback__
    # The user's frames only: the shim's own calls (run_with_metrics, _call) come first.
    while tb is not None and tb.tb_next is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "stack": "".join(traceback.format_exception(type(exc), exc, tb)),
    }


def _call(handler, request, context):
    result = handler(request, context)
    if hasattr(result, "__await__"):
        import asyncio  # only async handlers pay for it

        async def wait():
            return await result

        result = asyncio.run(wait())
    return result


def run_with_metrics(handler, request, context):
    """Calls the handler once; returns {"ok": True, "result", "metrics"} or {"ok": False, "error", "metrics"}."""
    newcontainer = _count_call()
    # Machine sample first and clocks last, so /proc reads are not counted as handler time.
    machine_before = _sample_machine()
    cpu_before = _process_cpu()
    start_time = time.time()
    start_mono = time.perf_counter()
    try:
        outcome = {"ok": True, "result": _call(handler, request, context)}
    except Exception as exc:  # noqa: BLE001 -- every handler failure becomes an error record
        outcome = {"ok": False, "error": error_record(exc)}
    runtime_ms = (time.perf_counter() - start_mono) * 1000
    end_time = time.time()
    cpu_after = _process_cpu()
    machine_after = _sample_machine()

    metrics = dict(_fixed_metrics())
    metrics.update(
        uuid=_INSTANCE_UUID,
        newcontainer=newcontainer,
        runtime=round(runtime_ms, 3),
        startTime=int(start_time * 1000),
        endTime=int(end_time * 1000),
    )
    if cpu_before is not None and cpu_after is not None:
        metrics["processCpuUserMs"] = round((cpu_after[0] - cpu_before[0]) * 1000, 3)
        metrics["processCpuKernelMs"] = round((cpu_after[1] - cpu_before[1]) * 1000, 3)
    if "cpu" in machine_before and "cpu" in machine_after:
        for name, a, b in zip(_CPU_FIELDS, machine_before["cpu"], machine_after["cpu"]):
            metrics[name] = round((b - a) * _MS_PER_TICK, 3)
    if "ctxt" in machine_before and "ctxt" in machine_after:
        metrics["contextSwitchesDelta"] = machine_after["ctxt"] - machine_before["ctxt"]
    if "pgfault" in machine_before and "pgfault" in machine_after:
        metrics["pageFaultsDelta"] = machine_after["pgfault"] - machine_before["pgfault"]
    metrics.update(_memory_info())
    metrics.update(_platform_info(getattr(context, "function_name", None), getattr(context, "memory_limit_in_mb", None)))
    outcome["metrics"] = _defined(metrics)
    return outcome


def _is_metrics_envelope(event):
    marker = event.get("__faaslab") if isinstance(event, dict) else None
    return isinstance(marker, dict) and marker.get("metrics") is True


def _context_from_lambda(lc, invoke=None):
    env = os.environ
    return Context(
        getattr(lc, "function_name", None) or env.get("AWS_LAMBDA_FUNCTION_NAME") or env.get("FAASLAB_FUNCTION_NAME", ""),
        _number(getattr(lc, "memory_limit_in_mb", None) or env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
        getattr(lc, "aws_request_id", None) or _uuid4(),
        time.time() * 1000 + lc.get_remaining_time_in_millis() if hasattr(lc, "get_remaining_time_in_millis") else None,
        lc,
        invoke,
    )


def lambda_handler(handler):
    """A Lambda handler: the plain return value, unless FaaS Lab asked for metrics in the event."""

    def entry(event, lambda_context=None):
        global _invoke
        envelope = _is_metrics_envelope(event)
        # context.invoke calls Lambda itself; the calls it makes go back with the outcome.
        tree = _CallTree(_trace_of(event["__faaslab"].get("trace") if envelope else None), _lambda_sender())
        _invoke = tree.invoke
        context = _context_from_lambda(lambda_context, tree.invoke)
        if not envelope:
            _count_call()
            return _call(handler, event, context)
        return tree.attach(run_with_metrics(handler, event.get("payload"), context))

    return entry


def load_handler(spec):
    """`module.func` -> the function, importing the module from the folder this file sits in."""
    module_name, _, func_name = spec.rpartition(".")
    if not module_name or not func_name:
        raise ValueError("FAASLAB_HANDLER must be module.function, got %r" % spec)
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    import importlib

    module = importlib.import_module(module_name)
    _install_reference_stubs(module, here)
    fn = getattr(module, func_name, None)
    if not callable(fn):
        raise AttributeError("%s.py has no function named %r" % (module_name.replace(".", "/"), func_name))
    return fn


# How this instance calls other functions (context.invoke and FaaSET reference stubs); set by the platform's loop.
_invoke = None


def _install_reference_stubs(module, here):
    """FaaSET references=[hello_world]: `hello_world(request, None)` in the module calls the deployed hello_world."""
    listed = os.path.join(here, "faaslab_references.json")
    if not os.path.exists(listed):
        return
    with open(listed, encoding="utf-8") as f:
        names = json.load(f)
    for name in names:
        setattr(module, name, _reference_stub(name))


def _reference_stub(name):
    def call(request=None, context=None):
        if _invoke is None:
            raise RuntimeError("%s is a FaaSET reference: it calls the deployed %s, when FaaS Lab's shim runs the function" % (name, name))
        return _invoke(name, request)

    call.__name__ = name
    return call


_lambda_entry = None


def lambda_entry(event, context):
    """Lambda handler string `faaslab_runtime.lambda_entry` with FAASLAB_HANDLER=module.func."""
    global _lambda_entry
    if _lambda_entry is None:
        _lambda_entry = lambda_handler(load_handler(os.environ["FAASLAB_HANDLER"]))
    return _lambda_entry(event, context)


def _encode(message):
    try:
        # allow_nan=False: NaN and Infinity are not JSON and the provider could not read them.
        return (json.dumps(message, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8")
    except (TypeError, ValueError) as exc:
        if not message.get("ok"):
            raise
        error = {
            "type": "ResultNotSerializable",
            "message": "The handler's return value cannot be sent as JSON (%s). "
            "Return dicts, lists, strings, numbers, booleans or None." % exc,
        }
        return _encode({"id": message["id"], "ok": False, "error": error, "metrics": message["metrics"]})


_MARKER_TEXT = re.compile(r"[\x20-\x7e]{1,200}")


def _end_output(marker):
    """Marks the end of a call's output on stdout and stderr, after all the handler printed.

    The platform reads the output on other pipes than the answer; it strips the marker line.
    """
    for current, own in ((sys.stdout, sys.__stdout__), (sys.stderr, sys.__stderr__)):
        try:
            current.flush()
            # The process's own stream, even where the handler replaced sys.stdout.
            own.write(marker + "\n")
            own.flush()
        except (AttributeError, OSError, ValueError):
            # The handler closed the stream: the platform waits a bounded time instead.
            pass


def _exit_with_parent():
    # EOF on the channel is only seen between calls; if the provider was killed during a
    # call, a new parent process (the reaper) tells it, and the instance must not linger.
    import threading

    parent = os.getppid()

    def watch():
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="faaslab-parent-watch", daemon=True).start()


def serve_local(handler, handler_name):
    """The local platform's process loop over the socketpair the provider passes as fd 3."""
    import socket

    load_ms = (time.perf_counter() - _STARTED) * 1000
    channel = socket.socket(fileno=3)
    # Processes the handler starts must not hold the provider's channel open.
    os.set_inheritable(3, False)
    function_name = os.environ.get("FAASLAB_FUNCTION_NAME") or handler_name
    memory_mb = _number(os.environ.get("FAASLAB_MEMORY_MB"))
    ready = {"ready": True, "initMs": round(load_ms, 3), "uuid": _INSTANCE_UUID, "lang": "python", "version": _fixed_metrics()["version"]}
    channel.sendall(_encode(ready))
    _exit_with_parent()
    global _invoke
    lines = channel.makefile("rb")
    invoke = _invoke = _channel_invoker(channel, lines)
    # EOF means the provider is gone: an instance never outlives its platform.
    for line in lines:
        if not line.strip():
            continue
        request = json.loads(line)
        context = Context(function_name, memory_mb, _uuid4(), request["deadlineMs"], invoke=invoke)
        outcome = run_with_metrics(handler, request.get("payload"), context)
        channel.sendall(_encode(dict(id=request["id"], **outcome)))
        if request.get("end") is not None:
            _end_output(request["end"])


if os.environ.get("AWS_LAMBDA_RUNTIME_API") and os.environ.get("FAASLAB_HANDLER"):
    # Inside Lambda: load the user's module during the init phase, where Lambda counts it.
    _lambda_entry = lambda_handler(load_handler(os.environ["FAASLAB_HANDLER"]))

def _http_body(value):
    """JSON bytes for an HTTP answer; a value JSON cannot carry becomes (None, error message)."""
    try:
        return json.dumps(value, allow_nan=False, separators=(",", ":")).encode("utf-8"), None
    except (TypeError, ValueError) as exc:
        return None, (
            "The handler's return value cannot be sent as JSON (%s). "
            "Return dicts, lists, strings, numbers, booleans or None." % exc
        )


def serve_http(handler, handler_name):
    """Serves the handler on $FAASLAB_HTTP_HOST:$PORT (defaults 0.0.0.0:8080), one call at a time.

    Callers outside FaaS Lab get the plain result as JSON (or HTTP 500 with ``{"error": ...}``);
    a request with the header ``x-faaslab-metrics: 1`` gets ``{ok, result|error, metrics}``.
    """
    import signal
    from http.server import BaseHTTPRequestHandler, HTTPServer

    load_ms = (time.perf_counter() - _STARTED) * 1000
    env = os.environ
    function_name = env.get("FAASLAB_FUNCTION_NAME") or handler_name
    memory_mb = _number(env.get("FAASLAB_MEMORY_MB"))
    timeout_s = _number(env.get("FAASLAB_TIMEOUT_S")) or 900
    health = {"ok": True, "uuid": _INSTANCE_UUID, "lang": "python", "version": _fixed_metrics()["version"], "initMs": round(load_ms, 3)}
    # Set where the platform answers context.invoke (FaaS Lab's Docker provider).
    global _invoke
    invoke = _invoke = _endpoint_invoker()

    def call(payload, with_metrics):
        context = Context(function_name, memory_mb, _uuid4(), time.time() * 1000 + timeout_s * 1000, invoke=invoke)
        if with_metrics:
            outcome = run_with_metrics(handler, payload, context)
            body, problem = _http_body(outcome)
            if problem:
                error = {"type": "ResultNotSerializable", "message": problem}
                body, _ = _http_body({"ok": False, "error": error, "metrics": outcome["metrics"]})
            return 200, body
        _count_call()
        try:
            result = _call(handler, payload, context)
        except Exception as exc:  # noqa: BLE001 -- a handler failure is the caller's answer
            return 500, _http_body({"error": error_record(exc)})[0]
        body, problem = _http_body(result)
        if problem:
            return 500, _http_body({"error": {"type": "ResultNotSerializable", "message": problem}})[0]
        return 200, body

    class Entry(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, so an idle client connection never blocks the next caller.
        protocol_version = "HTTP/1.0"

        def _send(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status, kind, message):
            self._send(status, _http_body({"error": {"type": kind, "message": message}})[0])

        def do_GET(self):  # noqa: N802 -- http.server's naming
            # /_/health is where OpenFaaS's probes ask (of-watchdog's health path).
            if self.path in ("/healthz", "/_/health"):
                self._send(200, _http_body(health)[0])
            else:
                self._error(404, "NotFound", "POST / calls the function; GET /healthz checks it")

        def do_POST(self):  # noqa: N802
            if self.path.split("?")[0] != "/":
                self._error(404, "NotFound", "POST / calls the function; GET /healthz checks it")
                return
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                payload = json.loads(raw) if raw.strip() else None
            except ValueError as exc:
                self._error(400, "BadRequest", "The request body is not JSON (%s): send a JSON value, or nothing." % exc)
                return
            status, body = call(payload, self.headers.get("x-faaslab-metrics") == "1")
            self._send(status, body)
            marker = self.headers.get("x-faaslab-end-marker")
            if marker is not None and _MARKER_TEXT.fullmatch(marker):
                _end_output(marker)

        def log_message(self, *args):
            # No access log: stdout and stderr are the function's own logs.
            pass

    # PID 1 in a container has no default signal handlers: `docker stop` must still end it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    host = env.get("FAASLAB_HTTP_HOST") or "0.0.0.0"
    port = int(env.get("PORT") or 8080)
    class Server(HTTPServer):
        def server_bind(self):
            # HTTPServer's own looks up the host's FQDN: a DNS wait in a container without DNS.
            import socketserver

            socketserver.TCPServer.server_bind(self)
            self.server_name, self.server_port = host, port

    try:
        server = Server((host, port), Entry)
    except OSError as exc:
        print("FaaS Lab: cannot listen on %s:%d (%s); set PORT to a free port." % (host, port, exc), file=sys.stderr)
        sys.exit(2)
    server.serve_forever()


if __name__ == "__main__":
    handler_spec = os.environ.get("FAASLAB_HANDLER", "")
    try:
        user_handler = load_handler(handler_spec)
    except Exception:  # noqa: BLE001 -- any import failure is reported the same way
        traceback.print_exc()
        sys.exit(1)
    if "--http" in sys.argv[1:]:
        serve_http(user_handler, handler_spec.rpartition(".")[2])
    else:
        serve_local(user_handler, handler_spec.rpartition(".")[2])
