"""Writes ast.dump() of every stdlib file CPython accepts into DIR/<relpath>.ast
(for the EGRET_STDLIB_AST_DIR mode of tests/stdlib.rs)."""
import ast, os, sys, sysconfig, warnings
warnings.simplefilter("ignore")
root = sysconfig.get_paths()["stdlib"]
out = sys.argv[1]  # add --positions for include_attributes=True
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith(".py"):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)
            try:
                tree = compile(open(p, "rb").read(), p, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
            except (SyntaxError, ValueError):
                continue
            dst = os.path.join(out, rel + ".ast")
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "w", encoding="utf-8") as fh:
                fh.write(ast.dump(tree, include_attributes="--positions" in sys.argv) + "\n")
