import string
f=string.Formatter()
for s in ['{0!}', '{0!}}', '{0!s', '{0!sx}', '{!}', '{0:{}', '{0:{}}}', 'a{0!r}b', '{0!ss}', '{[}', '{0[}', '{a{b}', 'x{}y', '{{}}', '}}{{', '{0:}', '{0!r:}', '{0[a]b}', 'abc', '{', 'a}', '{0', '{0:', '{:{}}x']:
    try: print(repr(s), list(f.parse(s)))
    except Exception as e: print(repr(s), type(e).__name__, e)
