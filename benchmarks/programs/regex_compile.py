"""regex_compile: compiling many distinct regular expressions.

Compiles a set of patterns (character classes, groups, alternations, named
groups, lookarounds, flags) with the module cache cleared each round, so the
regex compiler itself is measured; each compiled pattern is tried once.
The result counts the groups and matches."""

import re

import _harness

PATTERNS = [
    r"[a-z]+\d*",
    r"(\w+)@(\w+)\.(com|org|net)",
    r"^\s*(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>.*?)\s*$",
    r"(?:\d{1,3}\.){3}\d{1,3}",
    r"(?i)hello|world|(?:good)?bye",
    r"(?<=\$)\d+(?:\.\d\d)?",
    r"\b(\w)(\w)?(\w)?\w?(?(3)\3)(?(2)\2)\1\b",
    r"(a|b)*?c{2,5}[^xyz]",
    r"(?m)^#.*$",
    r"\"(?:[^\"\\]|\\.)*\"",
    r"(\d+)-(\d+)-(\d+)T(\d+):(\d+)",
    r"(?x) ( [+-]? \d+ ) (?: \. \d* )? (?: [eE] [+-]? \d+ )?",
    r"(?!un)\w+able",
    r"[\u0400-\u04ff]+|[\u4e00-\u9fff]+",
    r"((a)|b)+\2?",
    r"<(?P<tag>\w+)[^>]*>.*?</(?P=tag)>",
]

SUBJECTS = [
    "abc123", "me@example.org", "  name = value here  ", "10.0.0.255",
    "Goodbye", "$12.50", "level", "ababccc!", "# comment", '"esc\\"aped"',
    "2024-01-02T03:04", "-1.5e10", "readable", "\u043f\u0440\u0438\u0432\u0435\u0442",
    "abab", "<b class='x'>bold</b>",
]


def workload(rounds):
    groups = 0
    matches = 0
    for round_index in range(rounds):
        re.purge()
        for index in range(len(PATTERNS)):
            # A distinct trailing group per round defeats any compile cache.
            pattern = re.compile(PATTERNS[index] + "(?:~%d)?" % (round_index % 50))
            groups += pattern.groups
            if pattern.search(SUBJECTS[index]) is not None:
                matches += 1
    return (groups, matches)


SIZES = {
    "default": (800, (14400, 12800)),
    "small": (30, (540, 480)),
}

if __name__ == "__main__":
    _harness.main("regex_compile", workload, SIZES)
