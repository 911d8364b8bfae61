"""json_dumps: json.dumps of nested documents (dicts, lists, strings, numbers).

Serialises a set of documents with default, indented and sorted-key
settings, including non-ASCII text that needs escaping. The result is the
total output length and a checksum of the text."""

import json

import _harness


def make_documents():
    documents = []
    for i in range(30):
        documents.append({
            "id": i,
            "name": "item-%d" % i,
            "price": i * 1.25,
            "tags": ["t%d" % (i % 3), "common", "caf\u00e9", "\u65e5\u672c"],
            "active": i % 2 == 0,
            "parent": None if i % 4 else i // 4,
            "dimensions": {"width": i + 0.5, "height": 2 * i, "units": "cm"},
            "history": [{"step": s, "note": "line\n\"quoted\"\t%d" % s} for s in range(4)],
        })
    return documents


def checksum_text(text):
    value = 0
    for ch in text[::7]:
        value = (value * 131 + ord(ch)) % 1000000007
    return value


def workload(rounds):
    documents = make_documents()
    total_length = 0
    last = ""
    for _ in range(rounds):
        compact = json.dumps(documents)
        indented = json.dumps(documents[:5], indent=2, sort_keys=True)
        ascii_off = json.dumps(documents[5:10], ensure_ascii=False, separators=(",", ":"))
        total_length += len(compact) + len(indented) + len(ascii_off)
        last = compact
    return (total_length, checksum_text(last))


SIZES = {
    "default": (4000, (64096000, 333633381)),
    "small": (50, (801200, 333633381)),
}

if __name__ == "__main__":
    _harness.main("json_dumps", workload, SIZES)
