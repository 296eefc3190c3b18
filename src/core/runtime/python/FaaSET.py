"""Stand-in for the FaaSET notebook library inside a deployed function.

FaaSET's decorators and calls only matter in the notebook (they deploy, reconfigure and test
functions there). A cell pasted into a file FaaS Lab deploys keeps them, so this module, shipped
beside the handler when the handler imports FaaSET and no real FaaSET is bundled, gives every
public name a cell uses a meaning inside the function: decorators leave the function as it is,
notebook operations do nothing and say so once in the function's log.
"""

import sys


class _Platforms:
    """FaaSET v1's Platform enum, as the names FaaSET v2+ takes as strings."""

    AWS = "aws"
    AWS_DOCKER = "aws_docker"
    GOOGLE = "google"
    GCF = "google"
    AZURE = "azure"
    IBM = "ibm"
    DO = "do"
    OPENFAAS = "openfaas"
    DOCKER = "docker"
    LOCAL = "local"


class _RunModes:
    """FaaSET v1's RunMode: where a decorated function ran when called in the notebook."""

    LOCAL = 1
    CLOUD = 2
    NONE = 3


Platform = _Platforms()
RunMode = _RunModes()
STOP_THREADS = {}
aws_regions = {}


def cloud_function(*_args, **_kwargs):
    """@cloud_function(...) / @FaaSET.cloud_function(...): returns the function unchanged."""

    def decorate(function):
        return function

    return decorate


_said = set()


def _notebook_only(name):
    def operation(*_args, **_kwargs):
        if name not in _said:
            _said.add(name)
            sys.stderr.write(f"FaaSET.{name}() is a notebook operation; inside a deployed function it does nothing\n")
        return None

    operation.__name__ = name
    return operation


# The notebook's operations (v2+: deploy, test, reconfigure, duplicate, clear; v1: the global
# settings, run_experiment, call_on) as a cell may call them at import.
deploy = _notebook_only("deploy")
test = _notebook_only("test")
reconfigure = _notebook_only("reconfigure")
duplicate = _notebook_only("duplicate")
clear = _notebook_only("clear")
run_experiment = _notebook_only("run_experiment")
call_on = _notebook_only("call_on")
setGlobalDeploy = _notebook_only("setGlobalDeploy")
setGlobalConfig = _notebook_only("setGlobalConfig")
setPythonPipVersion = _notebook_only("setPythonPipVersion")

__all__ = [
    "cloud_function", "Platform", "RunMode", "STOP_THREADS", "aws_regions",
    "deploy", "test", "reconfigure", "duplicate", "clear", "run_experiment", "call_on",
    "setGlobalDeploy", "setGlobalConfig", "setPythonPipVersion",
]
