"""deltablue: the DeltaBlue incremental constraint solver (Freeman-Benson,
Maloney and Borning), run on its two classic workloads.

Stresses object-oriented code: virtual calls on a small class hierarchy of
constraints, attribute access, lists used as queues. The chain test links
n variables by equality constraints and drives the first; the projection
test keeps dst = src * scale + offset for n pairs while the ends change.
Both check their answers as they go; the result summarises the values."""

import _harness

# Strengths: a smaller number is stronger.
REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST = range(7)

NONE, FORWARD, BACKWARD = 0, 1, 2


class SolverError(Exception):
    pass


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def add_constraint(self, constraint):
        self.constraints.append(constraint)

    def remove_constraint(self, constraint):
        self.constraints.remove(constraint)
        if self.determined_by is constraint:
            self.determined_by = None


class Constraint:
    def __init__(self, planner, strength):
        self.planner = planner
        self.strength = strength

    def add(self):
        self.add_to_graph()
        self.planner.incremental_add(self)

    def satisfy(self, mark):
        """Try to satisfy this constraint; return the constraint it overrode."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength == REQUIRED:
                raise SolverError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not self.planner.add_propagate(self, mark):
            raise SolverError("cycle encountered")
        out.mark = mark
        return overridden

    def destroy(self):
        if self.is_satisfied():
            self.planner.incremental_remove(self)
        else:
            self.remove_from_graph()

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, planner, variable, strength):
        Constraint.__init__(self, planner, strength)
        self.variable = variable
        self.satisfied = False
        self.add()

    def add_to_graph(self):
        self.variable.add_constraint(self)
        self.satisfied = False

    def choose_method(self, mark):
        self.satisfied = self.variable.mark != mark and self.strength < self.variable.walk_strength

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.variable

    def recalculate(self):
        self.variable.walk_strength = self.strength
        self.variable.stay = not self.is_input()
        if self.variable.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def remove_from_graph(self):
        self.variable.remove_constraint(self)
        self.satisfied = False


class StayConstraint(UnaryConstraint):
    """Keep a variable's value (a stay is never an input)."""

    def execute(self):
        pass


class EditConstraint(UnaryConstraint):
    """Marks a variable the user changes from outside."""

    def is_input(self):
        return True

    def execute(self):
        pass


class BinaryConstraint(Constraint):
    def __init__(self, planner, first, second, strength):
        Constraint.__init__(self, planner, strength)
        self.first = first
        self.second = second
        self.direction = NONE
        self.add()

    def choose_method(self, mark):
        first, second = self.first, self.second
        if first.mark == mark:
            self.direction = FORWARD if second.mark != mark and self.strength < second.walk_strength else NONE
            return
        if second.mark == mark:
            self.direction = BACKWARD if first.mark != mark and self.strength < first.walk_strength else NONE
            return
        if first.walk_strength > second.walk_strength:
            self.direction = BACKWARD if self.strength < first.walk_strength else NONE
        else:
            self.direction = FORWARD if self.strength < second.walk_strength else BACKWARD

    def add_to_graph(self):
        self.first.add_constraint(self)
        self.second.add_constraint(self)
        self.direction = NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.first if self.direction == FORWARD else self.second

    def output(self):
        return self.second if self.direction == FORWARD else self.first

    def recalculate(self):
        source = self.input()
        target = self.output()
        target.walk_strength = max(self.strength, source.walk_strength)
        target.stay = source.stay
        if target.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None

    def remove_from_graph(self):
        self.first.remove_constraint(self)
        self.second.remove_constraint(self)
        self.direction = NONE


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """second = first * scale + offset, in whichever direction is chosen."""

    def __init__(self, planner, source, scale, offset, destination, strength):
        self.scale = scale
        self.offset = offset
        BinaryConstraint.__init__(self, planner, source, destination, strength)

    def add_to_graph(self):
        BinaryConstraint.add_to_graph(self)
        self.scale.add_constraint(self)
        self.offset.add_constraint(self)

    def remove_from_graph(self):
        BinaryConstraint.remove_from_graph(self)
        self.scale.remove_constraint(self)
        self.offset.remove_constraint(self)

    def mark_inputs(self, mark):
        BinaryConstraint.mark_inputs(self, mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.second.value = self.first.value * self.scale.value + self.offset.value
        else:
            self.first.value = (self.second.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        target = self.output()
        target.walk_strength = max(self.strength, source.walk_strength)
        target.stay = source.stay and self.scale.stay and self.offset.stay
        if target.stay:
            self.execute()


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, constraint):
        mark = self.new_mark()
        overridden = constraint.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, constraint):
        out = constraint.output()
        constraint.mark_unsatisfied()
        constraint.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        for strength in range(REQUIRED, WEAKEST):
            for candidate in unsatisfied:
                if candidate.strength == strength:
                    self.incremental_add(candidate)

    def add_propagate(self, constraint, mark):
        todo = [constraint]
        while todo:
            current = todo.pop()
            if current.output().mark == mark:
                self.incremental_remove(constraint)
                return False
            current.recalculate()
            self.add_constraints_consuming(current.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        while todo:
            variable = todo.pop()
            for constraint in variable.constraints:
                if not constraint.is_satisfied():
                    unsatisfied.append(constraint)
            determining = variable.determined_by
            for constraint in variable.constraints:
                if constraint is not determining and constraint.is_satisfied():
                    constraint.recalculate()
                    todo.append(constraint.output())
        return unsatisfied

    def add_constraints_consuming(self, variable, collection):
        determining = variable.determined_by
        for constraint in variable.constraints:
            if constraint is not determining and constraint.is_satisfied():
                collection.append(constraint)

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = []
        todo = list(sources)
        while todo:
            constraint = todo.pop()
            out = constraint.output()
            if out.mark != mark and constraint.inputs_known(mark):
                plan.append(constraint)
                out.mark = mark
                self.add_constraints_consuming(out, todo)
        return plan

    def plan_for_inputs(self, constraints):
        return self.make_plan([c for c in constraints if c.is_input() and c.is_satisfied()])


def run_plan(plan):
    for constraint in plan:
        constraint.execute()


def chain_test(n):
    planner = Planner()
    variables = [Variable("v%d" % i) for i in range(n + 1)]
    for i in range(n):
        EqualityConstraint(planner, variables[i], variables[i + 1], REQUIRED)
    first, last = variables[0], variables[-1]
    StayConstraint(planner, last, STRONG_DEFAULT)
    edit = EditConstraint(planner, first, PREFERRED)
    plan = planner.plan_for_inputs([edit])
    for value in range(100):
        first.value = value
        run_plan(plan)
        if last.value != value:
            raise SolverError("chain test failed: %r != %r" % (last.value, value))
    edit.destroy()
    return last.value


def change(planner, variable, new_value):
    edit = EditConstraint(planner, variable, PREFERRED)
    plan = planner.plan_for_inputs([edit])
    for _ in range(10):
        variable.value = new_value
        run_plan(plan)
    edit.destroy()


def projection_test(n):
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    source = destination = None
    destinations = []
    for i in range(n):
        source = Variable("src%d" % i, i)
        destination = Variable("dst%d" % i, i)
        destinations.append(destination)
        StayConstraint(planner, source, NORMAL)
        ScaleConstraint(planner, source, scale, offset, destination, REQUIRED)
    change(planner, source, 17)
    if destination.value != 1170:
        raise SolverError("projection 1 failed")
    change(planner, destination, 1050)
    if source.value != 5:
        raise SolverError("projection 2 failed")
    change(planner, scale, 5)
    for i in range(n - 1):
        if destinations[i].value != i * 5 + 1000:
            raise SolverError("projection 3 failed")
    change(planner, offset, 2000)
    for i in range(n - 1):
        if destinations[i].value != i * 5 + 2000:
            raise SolverError("projection 4 failed")
    total = 0
    for variable in destinations:
        total += variable.value
    return total


def workload(param):
    n, repeats = param
    chain_total = 0
    projection_total = 0
    for _ in range(repeats):
        chain_total += chain_test(n)
        projection_total += projection_test(n)
    return (chain_total, projection_total)


SIZES = {
    "default": ((100, 250), (24750, 56070000)),
    "small": ((100, 3), (297, 672840)),
}

if __name__ == "__main__":
    _harness.main("deltablue", workload, SIZES)
