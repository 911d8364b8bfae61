def first[T](xs: list[T]) -> T:
    return xs[0]
class Box[T: int]:
    pass
type Alias[K] = dict[K, int]
