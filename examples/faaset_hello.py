# A function written for the FaaSET notebook, as it is: FaaS Lab recognises the
# @FaaSET.cloud_function decorator (its platform and config) and runs it unchanged on the
# local platform; the FaaSET module is provided by FaaS Lab's runtime when it is not installed.
import FaaSET


@FaaSET.cloud_function(platform="aws", config={"memory": 256, "timeout": 30})
def faaset_hello(request, context):
    name = request.get("name", "world")
    return {"message": f"Hello, {name}, from a FaaSET function!"}
