# A Future subclass whose __init__ never called Future.__init__ (CPython's 'not initialized' errors).
import asyncio
class F(asyncio.Future):
    def __init__(self):
        pass
f = F()
for name, args in [("result", ()), ("exception", ()), ("set_result", (1,)), ("set_exception", (ValueError(),)), ("add_done_callback", (print,)), ("remove_done_callback", (print,)), ("cancel", ()), ("cancelled", ()), ("done", ()), ("get_loop", ()), ("__repr__", ()), ("_make_cancelled_error", ()), ("__await__", ())]:
    try:
        r = getattr(f, name)(*args)
        print(name, "ok", type(r).__name__)
    except Exception as e:
        print(name, type(e).__name__, e)
for attr in ["_state", "_loop", "_callbacks", "_result", "_exception", "_asyncio_future_blocking", "_log_traceback", "_cancel_message"]:
    try:
        print(attr, repr(getattr(f, attr)))
    except Exception as e:
        print(attr, type(e).__name__, e)
class T(asyncio.Task):
    def __init__(self):
        pass
