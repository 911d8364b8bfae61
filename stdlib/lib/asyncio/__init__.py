"""Egret's own asyncio: an event loop without a selector (ready queue plus
timer heap), futures, tasks, synchronization primitives, queues, task
groups, timeouts and runners, following CPython 3.12's behaviour."""

import sys

from . import (base_events, coroutines, events, exceptions, futures, locks,
               queues, runners, taskgroups, tasks, timeouts, threads)

from .base_events import *
from .coroutines import *
from .events import *
from .exceptions import *
from .futures import *
from .locks import *
from .queues import *
from .runners import *
from .taskgroups import *
from .tasks import *
from .timeouts import *
from .threads import *

from .base_events import EventLoop, DefaultEventLoopPolicy

SelectorEventLoop = EventLoop

__all__ = (base_events.__all__ +
           coroutines.__all__ +
           events.__all__ +
           exceptions.__all__ +
           futures.__all__ +
           locks.__all__ +
           queues.__all__ +
           runners.__all__ +
           taskgroups.__all__ +
           tasks.__all__ +
           timeouts.__all__ +
           threads.__all__ +
           ('EventLoop', 'DefaultEventLoopPolicy', 'SelectorEventLoop'))
