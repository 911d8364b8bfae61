"""hexiom: solving Hexiom puzzles by backtracking with constraint checks.

A Hexiom board is a hexagon of cells; every tile shows how many of its
(up to six) neighbours hold tiles. Given only the multiset of tiles and the
number of empty cells, the solver finds every placement that satisfies all
tiles. Puzzles are generated from pseudo-random layouts, so each one has at
least one solution. Stresses recursion, list indexing and small loops."""

import _harness


def hex_cells(side):
    """Axial coordinates of a hexagonal board with ``side`` cells per edge."""
    radius = side - 1
    cells = []
    for q in range(-radius, radius + 1):
        for r in range(-radius, radius + 1):
            if -radius <= -q - r <= radius:
                cells.append((q, r))
    return cells


def neighbour_lists(cells):
    index = {cell: i for i, cell in enumerate(cells)}
    directions = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))
    return [[index[(q + dq, r + dr)] for dq, dr in directions if (q + dq, r + dr) in index]
            for q, r in cells]


def generate_puzzle(side, seed):
    """Occupy most cells pseudo-randomly; return (tile counts, empty count)."""
    cells = hex_cells(side)
    neighbours = neighbour_lists(cells)
    state = seed
    occupied = []
    for _ in cells:
        state = (state * 1103515245 + 12345) % 2147483648
        occupied.append((state >> 16) % 100 < 70)
    counts = [0] * 7
    empties = 0
    for i in range(len(cells)):
        if occupied[i]:
            counts[sum(1 for n in neighbours[i] if occupied[n])] += 1
        else:
            empties += 1
    return counts, empties


class Solver:
    UNSET = -2
    EMPTY = -1

    def __init__(self, side, counts, empties):
        self.cells = hex_cells(side)
        self.neighbours = neighbour_lists(self.cells)
        self.values = [self.UNSET] * len(self.cells)
        self.counts = list(counts)
        self.empties = empties
        self.solutions = 0
        self.first = None
        self.nodes = 0

    def consistent(self, cell):
        """Check ``cell`` and its neighbours' tiles against their bounds."""
        values = self.values
        neighbours = self.neighbours
        for x in [cell] + neighbours[cell]:
            wanted = values[x]
            if wanted < 0:
                continue
            occupied = unknown = 0
            for n in neighbours[x]:
                value = values[n]
                if value >= 0:
                    occupied += 1
                elif value == self.UNSET:
                    unknown += 1
            if occupied > wanted or occupied + unknown < wanted:
                return False
        return True

    def solve(self, position=0):
        self.nodes += 1
        if position == len(self.cells):
            self.solutions += 1
            if self.first is None:
                self.first = tuple(self.values)
            return
        values = self.values
        if self.empties > 0:
            self.empties -= 1
            values[position] = self.EMPTY
            if self.consistent(position):
                self.solve(position + 1)
            self.empties += 1
        counts = self.counts
        for number in range(7):
            if counts[number] == 0 or number > len(self.neighbours[position]):
                continue
            counts[number] -= 1
            values[position] = number
            if self.consistent(position):
                self.solve(position + 1)
            counts[number] += 1
        values[position] = self.UNSET


def workload(param):
    side, puzzles = param
    total_solutions = 0
    total_nodes = 0
    first_solution = None
    for seed in range(1, puzzles + 1):
        counts, empties = generate_puzzle(side, seed)
        solver = Solver(side, counts, empties)
        solver.solve()
        total_solutions += solver.solutions
        total_nodes += solver.nodes
        if first_solution is None:
            first_solution = solver.first
    return (total_solutions, total_nodes, first_solution)


SIZES = {
    "default": ((3, 4), (108, 233272, (-1, -1, 2, -1, 2, 4, 4, 2, 4, -1, 5, 3, 4, 5, 5, 4, 3, 4, 3))),
    "small": ((3, 1), (6, 22970, (-1, -1, 2, -1, 2, 4, 4, 2, 4, -1, 5, 3, 4, 5, 5, 4, 3, 4, 3))),
}

if __name__ == "__main__":
    _harness.main("hexiom", workload, SIZES)
