# textwrap: hyphenation and em-dash chunking, sentence endings, max_lines/placeholder, dedent/indent corners
import textwrap
text = "A well-known e-mail--sent yesterday--was re-sent. Mr. Smith agreed! Then long-hyphenated-compound-words appeared."
for width in (7, 12, 18, 30):
    print(width, textwrap.wrap(text, width))
print(textwrap.wrap(text, 15, break_on_hyphens=False))
print(textwrap.wrap(text, 15, fix_sentence_endings=True))
print(textwrap.wrap(text, 20, max_lines=2), textwrap.wrap(text, 20, max_lines=3, placeholder=" ..."))
print(textwrap.wrap("  leading and trailing  ", 10, drop_whitespace=False))
print(textwrap.wrap("tabs\tand\tspaces", 9, expand_tabs=False), textwrap.wrap("tabs\tand", 30, tabsize=4))
w = textwrap.TextWrapper(width=16, initial_indent="-> ", subsequent_indent="   ")
print(w.fill("the rain in spain falls mainly on the plain"))
try:
    textwrap.wrap("x", 0)
except ValueError as e:
    print("ValueError", e)
try:
    textwrap.shorten("hello world", 3)
except ValueError as e:
    print("ValueError", e)
print(repr(textwrap.dedent("\t\ta\n\t\t  b\n\t \n\t\tc")), repr(textwrap.dedent("  x\n \ty")), repr(textwrap.dedent("none\n  here")))
print(repr(textwrap.indent("one\n  \ntwo\r\nthree", "| ")), repr(textwrap.indent("", "x")))
