f"{x:}" f"{x:{y}{z}}" f"{x:a{y}b}" f"{x=!r:^10}" f"\N{DASH}{x}\{{"
f'''ab
cd{
x  # comment
}ef
gh'''
rf"\{x}\\{{"
f"{'a' + "b"}" f"{x:{'a'}}" f"{ x = }"
