"""Stand-in for the FaaSET notebook library inside a deployed function.

FaaSET's decorators only matter in the notebook (they deploy the function). When FaaS Lab
runs a FaaSET-style file, the decorators must leave the function as it is: this module is
shipped beside the handler when the handler imports FaaSET and no real FaaSET is bundled.
"""


class _Platforms:
    AWS = "aws"
    GOOGLE = "google"
    GCF = "google"
    AZURE = "azure"
    IBM = "ibm"
    DO = "do"
    OPENFAAS = "openfaas"
    DOCKER = "docker"


Platform = _Platforms()


def cloud_function(*_args, **_kwargs):
    """@cloud_function(...) / @FaaSET.cloud_function(...): returns the function unchanged."""

    def decorate(function):
        return function

    return decorate


__all__ = ["cloud_function", "Platform"]
