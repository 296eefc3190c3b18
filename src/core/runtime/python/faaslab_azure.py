"""FaaS Lab adapter for Azure Functions (Python v2 programming model).

The generated function_app.py holds ``app = faaslab_azure.function_app("module.func", "name")``:
a ``func.FunctionApp`` with one HTTP trigger, ``POST /api/<name>``, function-key auth. Plain
callers get the handler's result as JSON; a request with ``x-faaslab-metrics: 1`` gets
``{ok, result|error, metrics}``.
"""

import json
import os
import time

import faaslab_runtime as _rt

METRICS_HEADER = "x-faaslab-metrics"


def _azure_sender(env=None):
    """context.invoke: the callee's URL and function key from FAASLAB_FUNCTIONS, which FaaS Lab's deploys
    keep listing the other FaaS Lab functions of the resource group; the key is sent as x-functions-key."""
    env = os.environ if env is None else env

    def resolve(name):
        try:
            known = json.loads(env.get("FAASLAB_FUNCTIONS") or "{}")
        except ValueError:
            known = {}
        callee = known.get(name) if isinstance(known, dict) else None
        if not isinstance(callee, dict) or not isinstance(callee.get("url"), str) or not isinstance(callee.get("key"), str):
            me = env.get("FAASLAB_FUNCTION_NAME") or "this function"
            raise _rt.NestedCallError(
                {
                    "type": "FunctionNotFound",
                    "message": "context.invoke: %s knows no Azure function '%s' in its resource group: deploy %s there with FaaS Lab "
                    "(a deploy gives every FaaS Lab function of the group the new one's URL and key)." % (me, name, name),
                }
            )
        return callee["url"], {"x-functions-key": callee["key"]}

    return _rt._http_sender("Azure Functions", resolve)


def handle(handler, name, body, headers, invocation_id=None, platform_context=None):
    """(status, JSON bytes) for one call; the part of the trigger that needs no Functions host."""
    env = os.environ
    memory_mb = _rt._number(env.get("FAASLAB_MEMORY_MB"))
    timeout_s = _rt._number(env.get("FAASLAB_TIMEOUT_S")) or 230
    try:
        payload = json.loads(body) if body and body.strip() else None
    except ValueError as exc:
        error = {"type": "BadRequest", "message": "The request body is not JSON (%s): send a JSON value, or nothing." % exc}
        return 400, _rt._http_body({"error": error})[0]
    with_metrics = headers.get(METRICS_HEADER) == "1"
    # context.invoke calls the callee's URL itself; the calls it makes go back with the outcome.
    tree = _rt._CallTree(_rt._trace_of(_rt._trace_from_headers(headers.get) if with_metrics else None), _azure_sender())
    _rt._invoke = tree.invoke
    context = _rt.Context(name, memory_mb, invocation_id or _rt._uuid4(), time.time() * 1000 + timeout_s * 1000, platform_context, tree.invoke)
    if with_metrics:
        outcome = tree.attach(_rt.run_with_metrics(handler, payload, context))
        encoded, problem = _rt._http_body(outcome)
        if problem:
            error = {"type": "ResultNotSerializable", "message": problem}
            encoded, _ = _rt._http_body({"ok": False, "error": error, "metrics": outcome["metrics"]})
        return 200, encoded
    _rt._count_call()
    try:
        result = _rt._call(handler, payload, context)
    except Exception as exc:  # noqa: BLE001 -- a handler failure is the caller's answer
        return 500, _rt._http_body({"error": _rt.error_record(exc)})[0]
    encoded, problem = _rt._http_body(result)
    if problem:
        return 500, _rt._http_body({"error": {"type": "ResultNotSerializable", "message": problem}})[0]
    return 200, encoded


def function_app(handler_spec, name):
    """The FunctionApp the Azure Python worker indexes (loaded during the instance's cold start)."""
    import azure.functions as func

    handler = _rt.load_handler(handler_spec)
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

    @app.function_name(name=name)
    @app.route(route=name, methods=["POST"], auth_level=func.AuthLevel.FUNCTION)
    def entry(req: func.HttpRequest) -> func.HttpResponse:
        invocation_id = req.headers.get("x-ms-invocation-id")
        status, body = handle(handler, name, req.get_body(), req.headers, invocation_id, req)
        return func.HttpResponse(body=body, status_code=status, mimetype="application/json")

    return app
