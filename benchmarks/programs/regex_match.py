"""regex_match: searching, finding and substituting with compiled regexes.

Runs search, findall, finditer, sub (with a function) and split over a
generated log-like text. The result counts what was found."""

import re

import _harness

WORDS = ["alpha", "beta", "gamma", "delta", "error", "warning", "user", "host"]


def make_text(lines):
    parts = []
    for i in range(lines):
        parts.append("2024-%02d-%02d %02d:%02d:%02d host%d.example.com user%d@mail.org [%s] value=%d.%02d %s\n" % (
            i % 12 + 1, i % 28 + 1, i % 24, i % 60, (i * 7) % 60, i % 9, i % 13,
            WORDS[i % len(WORDS)].upper(), i * 3, i % 100, " ".join(WORDS[(i + k) % len(WORDS)] for k in range(i % 5))))
    return "".join(parts)


DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)")
EMAIL = re.compile(r"[\w.]+@[\w.]+\.(?:org|com)")
LEVEL = re.compile(r"\[(ERROR|WARNING)\]")
NUMBER = re.compile(r"value=(\d+)\.(\d+)")
WORD_RUN = re.compile(r"\b(?:alpha|gamma)\b(?: \w+)+$", re.MULTILINE)
HOST = re.compile(r"host(\d)\.example\.com")


def workload(rounds):
    text = make_text(400)
    dates = emails = levels = numbers = runs = 0
    replaced_length = 0
    for _ in range(rounds):
        for match in DATE.finditer(text):
            dates += int(match.group(6))
        emails += len(EMAIL.findall(text))
        levels += len(LEVEL.findall(text))
        for whole, fraction in NUMBER.findall(text):
            numbers += int(whole) + int(fraction)
        runs += len(WORD_RUN.findall(text))
        replaced = HOST.sub(lambda m: "node-" + m.group(1), text)
        replaced_length += len(replaced)
        if re.search(r"user12@mail\.org \[WARNING\]", text) is None:
            runs -= 1
    return (dates, emails, levels, numbers, runs, replaced_length)


SIZES = {
    "default": (500, (5880000, 200000, 50000, 129600000, 55000, 15024000)),
    "small": (8, (94080, 3200, 800, 2073600, 880, 240384)),
}

if __name__ == "__main__":
    _harness.main("regex_match", workload, SIZES)
