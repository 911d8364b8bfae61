a = 'x' "y" '''z''' """w"""
b = r'\d' R"\d" b'\x00' B"y" br'\n' Rb"x" rB'x' BR"x" u'u' U"u"
c = f'a' F"b" rf'{x}\n' fR"{y}" Rf'z' FR"q"
d = '''multi
line''' + """another
one"""
e = 'esc\'aped' "dq\"x" 'back\\'
f = 'cont\
inued'
g = f'''{
    x
    # comment
    + 1
}'''
h = f"{x:{'>'}{10}}" f'{"a" if x else "b"}' f"{x!r:^{w}}"
i = f"{f'{f"{1}"}'}"
