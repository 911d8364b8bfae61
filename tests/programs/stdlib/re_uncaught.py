import re
print("start")
re.compile("a(b")
