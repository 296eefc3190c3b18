"""SAAF's older module name: ``from Inspector import Inspector`` and ``from Inspector import *``.

FaaS Lab ships it with FaaS Lab's SAAF.py (see there); a user's own Inspector.py wins.
"""

from SAAF import Inspector

__all__ = ["Inspector"]
