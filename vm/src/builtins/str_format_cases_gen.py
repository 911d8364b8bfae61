"""Generates str_format_cases.txt (format() results from CPython 3.12) for format.rs's tests.

PYENV_VERSION=3.12.1 python3 vm/src/builtins/str_format_cases_gen.py > vm/src/builtins/str_format_cases.txt
Each line: kind TAB value TAB spec TAB result-or-!error  (kind: f float bits hex, i int, s str)
"""
import struct

floats = [0.0, -0.0, 1.0, -1.0, 1.5, -2.25, 2.5, 3.5, 0.125, 0.375, 1.005, 2.675, 1234.5678, 0.000123456, 1e16, 1e-5,
          123456789.0, 1e22, 1e23, 0.1, 0.1 + 0.2, 1 / 3, 2 / 3, 5e-324, 1.7976931348623157e308, 1e300, 1e-300, 100.0, 1e-4,
          1.5e15, 1e17, 12.0, 12.5, 10.0, 123.456, 9.9999, 0.99999999, 999999.5, 1e6, 1234567.891, -1234.5, 0.5, 0.005,
          0.015, 99.44, float("inf"), float("-inf"), float("nan"), 4.35, 1e-7, 3.14159, 2 ** 0.5, 65.0]
fspecs = ["", "e", "E", ".0e", "#.0e", ".2E", "f", ".0f", "#.0f", ".1F", ".2f", ".20f", "g", "G", "#g", ".0g", "#.0g",
          ".3g", ".10g", ".15g", ".16g", ".17g", "%", ".1%", ".0%", "n", ".3", ".0", ".1", ".17", "#", "#.3", "+", " ",
          "-", "+.2e", "z", "zf", "z.1f", "z.0e", "z.3g", "10", "<10", "^10", "=10", "010", "010.2f", "+012,.2f",
          ",", "_", ",.2f", "_.1f", ",.1e", ",f", "*^12.3f", "0=10.1f", ",g", "_%", "x<+9.2e", "15.3f", "#x", "d"]
ints = [0, 7, -7, 42, -42, 255, -255, 65, 65535, 1234, 1234567, -1234567, 10 ** 12, 2 ** 64, -(2 ** 70), 2 ** 100, 0xDEADBEEF]
ispecs = ["", "d", "b", "o", "x", "X", "#b", "#o", "#x", "#X", "+", " ", "-", "+5", "=+6", "06", "+06", " 06", "<6", "^7",
          "*^7", "*=7", "0=+7", "0<5", "#010x", "#10x", "#<10x", "_", ",", "_x", "_b", "_o", "#_x", "015,", "015_",
          "08,", "09,d", "#012_b", "#06b", "#07o", "c", ">3c", "n", "e", ".2e", "f", ".1f", "%", ".0%", "g", "0=12_",
          "010,", "09,", "07,", "s", ",c", "_c", "+c", ".2d", ",_", "z", "#c", "=s", ",x", "x<", "5=q"]
strs = ["", "a", "abc", "abcdef", "é", "中文", "😀", "python"]
sspecs = ["", "5", "<5", ">5", "^5", ".2", ">5.2", "*^6", "^2", "^3", "^6", "-^5", ".>6", "!<3", "0", "05", "0>5", "x<0",
          ".0", ".4", "10.3", "s", ">3s", "+", " ", "#", "=5", ",", "_", "d", "z", "05=", ".", "=^5s"]


def res(v, s):
    try:
        return format(v, s)
    except Exception as e:
        return "!" + type(e).__name__ + ": " + str(e)


for v in floats:
    for s in fspecs:
        print("f\t%s\t%s\t%s" % (struct.pack(">d", v).hex(), s, res(v, s)))
    print("r\t%s\t\t%s" % (struct.pack(">d", v).hex(), repr(v)))
for v in ints:
    for s in ispecs:
        print("i\t%d\t%s\t%s" % (v, s, res(v, s)))
for v in strs:
    for s in sspecs:
        print("s\t%s\t%s\t%s" % (v, s, res(v, s)))
