# json: formatting options, escapes, number forms, decoder errors and positions, hooks
import json
doc = {"b": [1, 2.5, -0.0, 1e22, 2**64, True, None], "a": {"x": "é\u2028\U0001f600", "": []}, "c": "tab\tquote\"nul\x00"}
for kw in ({}, {"indent": 3}, {"indent": "..", "sort_keys": True}, {"ensure_ascii": False}, {"separators": (",", ":"), "sort_keys": True}):
    text = json.dumps(doc, **kw)
    print(text)
    print(kw.get("indent") == ".." or json.loads(text) == doc)
class Chunks:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
out = Chunks()
json.dump([1, {"k": "v"}], out)
print(out.parts, "".join(out.parts))
for s in ['{"a": 1', '{"a": 1 "b": 2}', '[1 2]', '"\\u12"', '"\\ud800"', '  [true, fals]', 'nul', '-', '1.', '1e', '.5', '[-]', '{"a":1}}', '"a\\', '[\n1,\n2,\n]']:
    try:
        print(repr(s), "->", repr(json.loads(s)))
    except json.JSONDecodeError as e:
        print(repr(s), "->", e.msg, e.pos, e.lineno, e.colno, "|", e)
print(json.loads('1.5e3'), json.loads('-12'), json.loads('0.000001'), json.loads('"\\u00e9\\ud83d\\ude00"'))
print(json.loads('{"a": [1, {"b": null}]}', object_hook=lambda d: {k.upper(): v for k, v in d.items()}))
print(json.JSONEncoder(indent=1).encode({"z": [1]}), json.JSONDecoder().decode(" [1] "), list(json.JSONEncoder().iterencode({"a": [1, 2]})))
print(json.dumps("\u007f\u0080\u00ff\ud7ff\ue000\uffff"), json.dumps({"k": float("1e16")}), json.dumps([1e-5, 123e-20, 5e-324]))
