"""FaaS Lab adapter for Google Cloud Functions (2nd gen, Python).

The generated main.py holds ``<entry point> = faaslab_gcp.http_function("module.func")``: an HTTP
function as the Functions Framework calls it, ``entry(request)`` with a Flask request. Plain
callers get the handler's result as JSON; a request with ``x-faaslab-metrics: 1`` gets
``{ok, result|error, metrics}``. Nothing here imports the framework: any WSGI-style caller with
``get_data()``, ``headers`` and ``method`` works.
"""

import json
import os
import time

import faaslab_runtime as _rt

METRICS_HEADER = "x-faaslab-metrics"


def _gcp_sender(env=None):
    """context.invoke: the callee's URL from FAASLAB_CALL_URL (FaaS Lab sets it at deploy:
    https://<region>-<project>.cloudfunctions.net/{name}), called with an identity token for that URL
    from the metadata server. GCE_METADATA_HOST points at another metadata server, as in Google's libraries."""
    env = os.environ if env is None else env

    def resolve(name):
        from urllib.parse import quote

        template = env.get("FAASLAB_CALL_URL")
        if not template:
            raise RuntimeError(
                "context.invoke on Google Cloud Functions needs FAASLAB_CALL_URL, which FaaS Lab sets when it deploys: deploy this function again with FaaS Lab"
            )
        url = template.replace("{name}", quote(name, safe=""))
        return url, {"authorization": "Bearer " + _identity_token(url, env)}

    return _rt._http_sender("Google Cloud Functions", resolve)


def _identity_token(audience, env):
    import http.client
    from urllib.parse import quote

    host = env.get("GCE_METADATA_HOST") or "metadata.google.internal"
    path = "/computeMetadata/v1/instance/service-accounts/default/identity?audience=" + quote(audience, safe="")
    try:
        conn = http.client.HTTPConnection(host, timeout=10)
        conn.request("GET", path, headers={"Metadata-Flavor": "Google"})
        res = conn.getresponse()
        status, text = res.status, res.read().decode("utf-8", "replace").strip()
        conn.close()
    except OSError as exc:
        raise RuntimeError("context.invoke could not get an identity token from the metadata server at %s (%s)" % (host, exc))
    if status != 200 or not text:
        raise RuntimeError("context.invoke could not get an identity token for %s: the metadata server answered HTTP %d %s" % (audience, status, text[:200]))
    return text


def _answer(status, value):
    body, problem = _rt._http_body(value)
    if problem:
        body, _ = _rt._http_body({"error": {"type": "ResultNotSerializable", "message": problem}})
        status = 500
    return body, status, {"Content-Type": "application/json"}


def http_function(handler_spec, function_name=None):
    """The HTTP function around ``module.func`` (loaded now, during the instance's cold start)."""
    handler = _rt.load_handler(handler_spec)
    env = os.environ
    name = function_name or env.get("FAASLAB_FUNCTION_NAME") or env.get("K_SERVICE") or handler_spec.rpartition(".")[2]
    memory_mb = _rt._number(env.get("FAASLAB_MEMORY_MB"))
    timeout_s = _rt._number(env.get("FAASLAB_TIMEOUT_S")) or 60

    def entry(request):
        if getattr(request, "method", "POST") != "POST":
            return _answer(405, {"error": {"type": "MethodNotAllowed", "message": "POST a JSON payload to call the function"}})
        raw = request.get_data()
        try:
            payload = json.loads(raw) if raw.strip() else None
        except ValueError as exc:
            return _answer(400, {"error": {"type": "BadRequest", "message": "The request body is not JSON (%s): send a JSON value, or nothing." % exc}})
        with_metrics = request.headers.get(METRICS_HEADER) == "1"
        # context.invoke calls the callee's URL itself; the calls it makes go back with the outcome.
        tree = _rt._CallTree(_rt._trace_of(_rt._trace_from_headers(request.headers.get) if with_metrics else None), _gcp_sender())
        _rt._invoke = tree.invoke
        context = _rt.Context(name, memory_mb, _rt._uuid4(), time.time() * 1000 + timeout_s * 1000, request, tree.invoke)
        if with_metrics:
            outcome = tree.attach(_rt.run_with_metrics(handler, payload, context))
            body, problem = _rt._http_body(outcome)
            if problem:
                error = {"type": "ResultNotSerializable", "message": problem}
                body, _ = _rt._http_body({"ok": False, "error": error, "metrics": outcome["metrics"]})
            return body, 200, {"Content-Type": "application/json"}
        _rt._count_call()
        try:
            result = _rt._call(handler, payload, context)
        except Exception as exc:  # noqa: BLE001 -- a handler failure is the caller's answer
            return _answer(500, {"error": _rt.error_record(exc)})
        return _answer(200, result)

    entry.__name__ = handler_spec.rpartition(".")[2]
    return entry
