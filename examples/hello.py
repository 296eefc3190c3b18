# The same handler in Python: a top-level def of (request, context).


# @faas memory=128 timeout=10 platforms=local
def hello_py(request, context):
    name = request.get("name", "world")
    return {"message": f"Hello, {name}!", "function": context.function_name}
