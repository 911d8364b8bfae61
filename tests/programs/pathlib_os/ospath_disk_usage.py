import shutil, os
u = shutil.disk_usage("/tmp")
print(type(u).__name__, u.total >= u.used, u.free <= u.total, len(u))
v = os.statvfs("/tmp")
print(v.f_bsize > 0, v.f_namemax, len(v), v.f_blocks == os.statvfs("/tmp")[2], repr(v)[:30])
print(u.total == v.f_blocks * v.f_frsize)
