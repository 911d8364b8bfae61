"""sqlite_synth: an in-memory sqlite3 database driven from Python.

Creates a table, inserts rows with executemany, runs queries that call a
Python scalar function and a Python aggregate class, and iterates over the
cursors. The result summarises the query answers."""

import sqlite3

import _harness


class Spread:
    """A user-defined aggregate: max - min."""

    def __init__(self):
        self.low = None
        self.high = None

    def step(self, value):
        if self.low is None or value < self.low:
            self.low = value
        if self.high is None or value > self.high:
            self.high = value

    def finalize(self):
        return self.high - self.low


def bucket(value):
    return value % 17


def workload(rounds):
    answers = []
    for round_index in range(rounds):
        connection = sqlite3.connect(":memory:")
        connection.create_function("bucket", 1, bucket)
        connection.create_aggregate("spread", 1, Spread)
        cursor = connection.cursor()
        cursor.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL, qty INTEGER)")
        rows = [(i, "item%d" % i, (i * 37 % 1000) / 10.0, i % 23) for i in range(1, 1001)]
        cursor.executemany("INSERT INTO items VALUES (?, ?, ?, ?)", rows)
        connection.commit()
        groups = 0
        total_qty = 0
        for group, count, qty in cursor.execute(
                "SELECT bucket(id), COUNT(*), SUM(qty) FROM items GROUP BY bucket(id) ORDER BY 1"):
            groups += count
            total_qty += qty
        spread = cursor.execute("SELECT spread(price) FROM items WHERE qty > 5").fetchone()[0]
        names = [name for (name,) in cursor.execute(
            "SELECT name FROM items WHERE price BETWEEN ? AND ? ORDER BY price, id LIMIT 20", (10.0, 20.0))]
        cursor.execute("UPDATE items SET qty = qty + 1 WHERE bucket(id) = ?", (round_index % 17,))
        updated = cursor.execute("SELECT SUM(qty) FROM items").fetchone()[0]
        connection.close()
        answers.append((groups, total_qty, spread, names[0], names[-1], updated))
    return (len(answers), answers[0], answers[-1])


SIZES = {
    "default": (500, (500, (1000, 10945, 99.8, 'item300', 'item787', 11003), (1000, 10945, 99.8, 'item300', 'item787', 11004))),
    "small": (4, (4, (1000, 10945, 99.8, 'item300', 'item787', 11003), (1000, 10945, 99.8, 'item300', 'item787', 11004))),
}

if __name__ == "__main__":
    _harness.main("sqlite_synth", workload, SIZES)
