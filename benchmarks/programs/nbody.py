"""nbody: float arithmetic on a 5-body planetary system (symplectic Euler).

Stresses float operations, list indexing and tuple unpacking in tight loops.
The result is the system's energy before and after the simulation."""

import _harness

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def make_system():
    # name: [x, y, z], [vx, vy, vz], mass  (orbital elements of the outer planets)
    raw = [
        ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], SOLAR_MASS),
        ([4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01],
         [1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05],
         9.54791938424326609e-04),
        ([8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01],
         [-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05],
         2.85885980666130812e-04),
        ([1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01],
         [2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05],
         4.36624404335156298e-05),
        ([1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01],
         [2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05],
         5.15138902046611451e-05),
    ]
    bodies = []
    for position, velocity, mass in raw:
        if mass == SOLAR_MASS:
            bodies.append((list(position), list(velocity), mass))
        else:
            bodies.append((list(position), [v * DAYS_PER_YEAR for v in velocity],
                           mass * SOLAR_MASS))
    return bodies


def offset_momentum(bodies):
    px = py = pz = 0.0
    for _, (vx, vy, vz), mass in bodies:
        px -= vx * mass
        py -= vy * mass
        pz -= vz * mass
    sun_velocity = bodies[0][1]
    sun_mass = bodies[0][2]
    sun_velocity[0] = px / sun_mass
    sun_velocity[1] = py / sun_mass
    sun_velocity[2] = pz / sun_mass


def energy(bodies, pairs):
    total = 0.0
    for (x, y, z), (vx, vy, vz), mass in bodies:
        total += 0.5 * mass * (vx * vx + vy * vy + vz * vz)
    for (p1, v1, m1), (p2, v2, m2) in pairs:
        dx = p1[0] - p2[0]
        dy = p1[1] - p2[1]
        dz = p1[2] - p2[2]
        total -= (m1 * m2) / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    return total


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            dist2 = dx * dx + dy * dy + dz * dz
            mag = dt / (dist2 * dist2 ** 0.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for position, (vx, vy, vz), _ in bodies:
            position[0] += dt * vx
            position[1] += dt * vy
            position[2] += dt * vz


def workload(steps):
    bodies = make_system()
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    offset_momentum(bodies)
    before = energy(bodies, pairs)
    advance(bodies, pairs, 0.01, steps)
    after = energy(bodies, pairs)
    return (before, after)


SIZES = {
    "default": (250000, (-0.16907516382852447, -0.16908598899093497)),
    "small": (5000, (-0.16907516382852447, -0.16902000037197645)),
}

if __name__ == "__main__":
    _harness.main("nbody", workload, SIZES)
