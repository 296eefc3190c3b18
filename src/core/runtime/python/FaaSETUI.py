"""Stand-in for FaaSET's notebook widgets (FaaSETUI.UI(function).render()) inside a deployed
function: there is no notebook to draw in, so a pasted cell's UI calls do nothing."""


class UI:
    def __init__(self, function=None, *_args, **_kwargs):
        self.function = function

    def render(self, *_args, **_kwargs):
        return None


__all__ = ["UI"]
