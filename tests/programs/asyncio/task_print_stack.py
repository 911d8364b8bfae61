# Task.get_stack/print_stack of a suspended and of a finished task, and the reprs they print.
import asyncio, sys, io
async def child():
    await asyncio.sleep(0.01)
async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    buf = io.StringIO()
    t.print_stack(file=buf)
    print(buf.getvalue().replace(__file__, "F"))
    print(len(t.get_stack()), t.get_stack()[0].f_code.co_name)
    await t
    buf = io.StringIO(); t.print_stack(file=buf); print(buf.getvalue().replace(__file__, "F"))
asyncio.run(main())
