"""go: random playouts of the game of Go on a 9x9 board.

Stresses list indexing, flood fills with explicit stacks, method calls and
small-integer logic: each game plays pseudo-random legal moves (no suicide,
simple ko, no filling one's own eyes) until both sides pass, then counts the
area score. The result sums the scores and move counts of all games."""

import _harness

EMPTY, BLACK, WHITE, EDGE = 0, 1, 2, 3


class Lcg:
    def __init__(self, seed):
        self.state = seed * 2654435761 % 4294967296

    def below(self, limit):
        self.state = (self.state * 1664525 + 1013904223) % 4294967296
        return (self.state >> 8) % limit


class Board:
    def __init__(self, size):
        self.size = size
        self.stride = size + 1
        self.points = [EDGE] * (self.stride * (size + 2) + 1)
        self.playable = []
        for row in range(size):
            for column in range(size):
                position = (row + 1) * self.stride + column
                self.points[position] = EMPTY
                self.playable.append(position)
        self.offsets = (1, -1, self.stride, -self.stride)
        self.ko = -1

    def group_and_liberties(self, start):
        colour = self.points[start]
        points = self.points
        stones = [start]
        seen = {start}
        liberties = 0
        seen_liberties = set()
        index = 0
        while index < len(stones):
            position = stones[index]
            index += 1
            for offset in self.offsets:
                neighbour = position + offset
                value = points[neighbour]
                if value == colour and neighbour not in seen:
                    seen.add(neighbour)
                    stones.append(neighbour)
                elif value == EMPTY and neighbour not in seen_liberties:
                    seen_liberties.add(neighbour)
                    liberties += 1
        return stones, liberties

    def is_own_eye(self, position, colour):
        for offset in self.offsets:
            value = self.points[position + offset]
            if value != colour and value != EDGE:
                return False
        return True

    def play(self, position, colour):
        """Place a stone; False (and no change) if the move is illegal."""
        points = self.points
        if points[position] != EMPTY or position == self.ko:
            return False
        points[position] = colour
        enemy = BLACK + WHITE - colour
        captured = []
        for offset in self.offsets:
            neighbour = position + offset
            if points[neighbour] == enemy:
                stones, liberties = self.group_and_liberties(neighbour)
                if liberties == 0:
                    for stone in stones:
                        points[stone] = EMPTY
                    captured.extend(stones)
        own_stones, own_liberties = self.group_and_liberties(position)
        if own_liberties == 0:
            points[position] = EMPTY
            return False
        if len(captured) == 1 and len(own_stones) == 1 and own_liberties == 1:
            self.ko = captured[0]
        else:
            self.ko = -1
        return True

    def score(self):
        """Area score: black stones and black-only territory minus white's."""
        black = white = 0
        for position in self.playable:
            value = self.points[position]
            if value == BLACK:
                black += 1
            elif value == WHITE:
                white += 1
            else:
                around = 0
                for offset in self.offsets:
                    around |= 1 << self.points[position + offset]
                around &= ~(1 << EDGE)
                if around == 1 << BLACK:
                    black += 1
                elif around == 1 << WHITE:
                    white += 1
        return black - white


def playout(board, rng, max_moves):
    colour = BLACK
    passes = 0
    moves = 0
    candidates = list(board.playable)
    while passes < 2 and moves < max_moves:
        played = False
        remaining = len(candidates)
        while remaining:
            pick = rng.below(remaining)
            position = candidates[pick]
            remaining -= 1
            candidates[pick], candidates[remaining] = candidates[remaining], candidates[pick]
            if board.points[position] != EMPTY or board.is_own_eye(position, colour):
                continue
            if board.play(position, colour):
                played = True
                break
        if played:
            passes = 0
            moves += 1
        else:
            passes += 1
            board.ko = -1
        colour = BLACK + WHITE - colour
    return moves


def workload(games):
    total_score = 0
    total_moves = 0
    black_wins = 0
    for game in range(games):
        board = Board(9)
        rng = Lcg(game + 1)
        total_moves += playout(board, rng, 400)
        score = board.score()
        total_score += score
        if score > 0:
            black_wins += 1
    return (total_score, total_moves, black_wins)


SIZES = {
    "default": (90, (-268, 13142, 40)),
    "small": (3, (43, 586, 3)),
}

if __name__ == "__main__":
    _harness.main("go", workload, SIZES)
