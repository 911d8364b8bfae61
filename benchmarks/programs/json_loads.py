"""json_loads: json.loads of documents with strings, numbers and nesting.

Parses a set of JSON texts (built once, outside the timed loop's checks:
compact, indented, escaped, unicode) many times. The result summarises the
parsed values."""

import json

import _harness


def make_texts():
    texts = []
    for i in range(20):
        document = {
            "id": i,
            "label": "record \u00e9\u00e8 %d \"q\"" % i,
            "values": [j * 0.5 for j in range(12)],
            "flags": [True, False, None],
            "matrix": [[i, j, i * j] for j in range(5)],
            "meta": {"owner": "user%d" % (i % 4), "escaped": "a\\nb\\tc\u2603"},
        }
        texts.append(json.dumps(document))
        texts.append(json.dumps(document, indent=4))
    texts.append("[" + ",".join(str(n * 7 - 300) for n in range(400)) + "]")
    return texts


def workload(rounds):
    texts = make_texts()
    ids = 0
    floats = 0.0
    strings = 0
    for _ in range(rounds):
        for text in texts:
            value = json.loads(text)
            if isinstance(value, dict):
                ids += value["id"]
                floats += value["values"][-1]
                strings += len(value["label"]) + len(value["meta"]["escaped"])
            else:
                ids += value[-1]
    return (ids, floats, strings)


SIZES = {
    "default": (6000, (17238000, 1320000.0, 5640000)),
    "small": (40, (114920, 8800.0, 37600)),
}

if __name__ == "__main__":
    _harness.main("json_loads", workload, SIZES)
