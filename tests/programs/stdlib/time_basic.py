# time: clocks' types and order, gmtime/strftime/strptime/asctime on fixed instants, errors
import time
a = time.monotonic(); b = time.monotonic()
print(a <= b, type(time.perf_counter_ns()).__name__, type(time.process_time()).__name__, time.time() > 1.6e9)
t0 = time.perf_counter(); time.sleep(0.005); print(time.perf_counter() - t0 >= 0.004)
for secs in (0, 951782400, 1700000000, -1, -86400 * 365 * 100, 4102444800, 1e9 + 0.75):
    st = time.gmtime(secs)
    print(tuple(st), st.tm_zone, time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %w %u %V %G %I %p %y %C %e %D %F %T", st), time.asctime(st))
st = time.struct_time((2024, 2, 29, 13, 5, 9, 3, 60, 0))
print(st, st.tm_mday, st[1], st[-1], len(st), st == (2024, 2, 29, 13, 5, 9, 3, 60, 0), st.tm_zone)
for text, fmt in (("2024-02-29 13:05", "%Y-%m-%d %H:%M"), ("Mon, 06 Jan 2025", "%a, %d %b %Y"), ("7/4/76 3PM", "%m/%d/%y %I%p"), ("2023 100", "%Y %j"), ("  12 March 2001", " %d %B %Y")):
    p = time.strptime(text, fmt)
    print(tuple(p), p.tm_wday, p.tm_yday)
for bad in (lambda: time.strptime("2024-02-30", "%Y-%m-%d"), lambda: time.strptime("x", "%Y"), lambda: time.strptime("2024", "%Y %m"),
            lambda: time.strptime("20245", "%Y"), lambda: time.sleep(-0.5), lambda: time.sleep("1"), lambda: time.struct_time((1, 2, 3)),
            lambda: time.strftime("%Y", (2024, 1, 32, 0, 0, 0, 0, 1, 0)), lambda: time.get_clock_info("nope"), lambda: time.asctime((1, 2))):
    try:
        bad()
        print("no error")
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
info = time.get_clock_info("perf_counter")
print(info.monotonic, info.adjustable, info.resolution > 0)
print(time.mktime(time.localtime(1700000000)), time.localtime(1700000000) == time.localtime(1700000000.9))
