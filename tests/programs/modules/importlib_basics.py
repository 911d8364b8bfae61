import importlib, importlib.util, sys
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e, getattr(e, 'name', None))
for name in ("imp", "distutils", "asynchat", "asyncore", "smtpd", "distutils.core"):
    t(lambda: importlib.import_module(name))
t(lambda: importlib.import_module('json').__name__)
t(lambda: importlib.import_module('.decoder', 'json').__name__)
t(lambda: importlib.import_module('.decoder'))
t(lambda: importlib.util.find_spec('json').name)
t(lambda: importlib.util.find_spec('nonexistent_mod_xyz'))
t(lambda: importlib.util.find_spec('nonexistent_mod_xyz.sub'))
t(lambda: importlib.util.find_spec('hashlib').origin.endswith('hashlib.py'))
t(lambda: importlib.util.find_spec('json.decoder').name)
t(lambda: importlib.util.find_spec('json').submodule_search_locations is not None)
t(lambda: importlib.reload(5))
import json
t(lambda: importlib.reload(json) is json)
t(lambda: importlib.invalidate_caches())
t(lambda: importlib.util.resolve_name('.x', 'a.b'))
import tempfile, os
d = tempfile.mkdtemp()
path = os.path.join(d, 'ilmod_x.py')
with open(path, 'w') as f:
    f.write('VALUE = 1\n')
sys.path.insert(0, d)
import ilmod_x
print(ilmod_x.VALUE)
with open(path, 'w') as f:
    f.write('VALUE = 2\nEXTRA = 3\n')
importlib.invalidate_caches()
m = importlib.reload(ilmod_x)
print(m is ilmod_x, ilmod_x.VALUE, ilmod_x.EXTRA)
spec = importlib.util.spec_from_file_location('fromfile', path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
print(mod.VALUE, mod.__name__, spec.name, spec.origin == path)
os.remove(path)
