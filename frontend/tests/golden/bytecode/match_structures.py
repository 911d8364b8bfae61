match point:
    case (0, 0):
        origin()
    case [x, *rest]:
        seq(x, rest)
    case {"x": x, **kw}:
        mapping(x, kw)
    case Point(x=0, y=yy) as p:
        on_axis(yy, p)
