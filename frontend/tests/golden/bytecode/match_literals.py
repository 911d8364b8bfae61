match command:
    case "quit":
        quit()
    case 1 | 2:
        one_or_two()
    case None:
        nothing()
    case x if x > 10:
        big(x)
    case _:
        other()
