import grp, os, shutil
g = grp.getgrgid(0)
print(g, g.gr_name, g.gr_gid, type(g.gr_mem).__name__, grp.getgrnam("root") == g, len(grp.getgrall()) > 0)
try: grp.getgrgid(987654)
except KeyError as e: print(e)
try: grp.getgrnam("nosuchgroupxx")
except KeyError as e: print(e)
from pathlib import Path
print(Path("/etc/passwd").group())
try:
    os.get_terminal_size()
except OSError as e:
    print(e)
print(shutil.get_terminal_size())
