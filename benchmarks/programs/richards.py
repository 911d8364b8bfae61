"""richards: Martin Richards' operating-system task scheduler simulation.

Stresses attribute access, polymorphic method calls and linked lists of
packet objects. One run of 10000 idle ticks gives the well-known counts
queued packets = 23246 and holds = 9297."""

import _harness

IDLE_ID, WORKER_ID, HANDLER_A_ID, HANDLER_B_ID, DEVICE_A_ID, DEVICE_B_ID = range(6)
TASK_COUNT = 6
DEVICE_PACKET = 0
WORK_PACKET = 1
DATA_SIZE = 4

STATE_RUNNING = 0
STATE_RUNNABLE = 1
STATE_SUSPENDED = 2
STATE_HELD = 4
STATE_SUSPENDED_RUNNABLE = STATE_SUSPENDED | STATE_RUNNABLE


class Packet:
    def __init__(self, link, target, kind):
        self.link = link
        self.target = target
        self.kind = kind
        self.counter = 0
        self.payload = [0] * DATA_SIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class ControlBlock:
    def __init__(self, link, ident, priority, queue, task):
        self.link = link
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.task = task
        self.state = STATE_SUSPENDED if queue is None else STATE_SUSPENDED_RUNNABLE

    def is_held_or_suspended(self):
        return (self.state & STATE_HELD) != 0 or self.state == STATE_SUSPENDED

    def run(self):
        if self.state == STATE_SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            self.state = STATE_RUNNING if self.queue is None else STATE_RUNNABLE
        else:
            packet = None
        return self.task.run(packet)

    def check_priority_add(self, running, packet):
        if self.queue is None:
            self.queue = packet
            self.state |= STATE_RUNNABLE
            if self.priority > running.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return running


class Scheduler:
    def __init__(self):
        self.queue_count = 0
        self.hold_count = 0
        self.blocks = [None] * TASK_COUNT
        self.task_list = None
        self.current = None
        self.current_id = None

    def add_task(self, ident, priority, queue, task):
        block = ControlBlock(self.task_list, ident, priority, queue, task)
        self.task_list = block
        self.blocks[ident] = block
        return block

    def schedule(self):
        self.current = self.task_list
        while self.current is not None:
            if self.current.is_held_or_suspended():
                self.current = self.current.link
            else:
                self.current_id = self.current.ident
                self.current = self.current.run()

    def release(self, ident):
        block = self.blocks[ident]
        if block is None:
            return None
        block.state &= ~STATE_HELD
        if block.priority > self.current.priority:
            return block
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.state |= STATE_HELD
        return self.current.link

    def suspend_current(self):
        self.current.state |= STATE_SUSPENDED
        return self.current

    def send(self, packet):
        block = self.blocks[packet.target]
        if block is None:
            return None
        self.queue_count += 1
        packet.link = None
        packet.target = self.current_id
        return block.check_priority_add(self.current, packet)


class IdleTask:
    def __init__(self, scheduler, count):
        self.scheduler = scheduler
        self.seed = 1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.scheduler.hold_current()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.scheduler.release(DEVICE_A_ID)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.scheduler.release(DEVICE_B_ID)


class DeviceTask:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.suspend_current()
            pending = self.pending
            self.pending = None
            return self.scheduler.send(pending)
        self.pending = packet
        return self.scheduler.hold_current()


class WorkerTask:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.destination = HANDLER_A_ID
        self.letter = 0

    def run(self, packet):
        if packet is None:
            return self.scheduler.suspend_current()
        self.destination = HANDLER_B_ID if self.destination == HANDLER_A_ID else HANDLER_A_ID
        packet.target = self.destination
        packet.counter = 0
        payload = packet.payload
        for i in range(DATA_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            payload[i] = self.letter
        return self.scheduler.send(packet)


class HandlerTask:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.work_queue = None
        self.device_queue = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == WORK_PACKET:
                self.work_queue = packet.append_to(self.work_queue)
            else:
                self.device_queue = packet.append_to(self.device_queue)
        work = self.work_queue
        if work is not None:
            index = work.counter
            if index < DATA_SIZE:
                device = self.device_queue
                if device is not None:
                    self.device_queue = device.link
                    device.counter = work.payload[index]
                    work.counter = index + 1
                    return self.scheduler.send(device)
            else:
                self.work_queue = work.link
                return self.scheduler.send(work)
        return self.scheduler.suspend_current()


def run_once(idle_count):
    scheduler = Scheduler()
    idle = scheduler.add_task(IDLE_ID, 0, None, IdleTask(scheduler, idle_count))
    idle.state = STATE_RUNNING

    queue = Packet(None, WORKER_ID, WORK_PACKET)
    queue = Packet(queue, WORKER_ID, WORK_PACKET)
    scheduler.add_task(WORKER_ID, 1000, queue, WorkerTask(scheduler))

    queue = None
    for _ in range(3):
        queue = Packet(queue, DEVICE_A_ID, DEVICE_PACKET)
    scheduler.add_task(HANDLER_A_ID, 2000, queue, HandlerTask(scheduler))

    queue = None
    for _ in range(3):
        queue = Packet(queue, DEVICE_B_ID, DEVICE_PACKET)
    scheduler.add_task(HANDLER_B_ID, 3000, queue, HandlerTask(scheduler))

    scheduler.add_task(DEVICE_A_ID, 4000, None, DeviceTask(scheduler))
    scheduler.add_task(DEVICE_B_ID, 5000, None, DeviceTask(scheduler))
    scheduler.schedule()
    return (scheduler.queue_count, scheduler.hold_count)


def workload(repeats):
    results = set()
    for _ in range(repeats):
        results.add(run_once(10000))
    return sorted(results)


SIZES = {
    "default": (30, [(23246, 9297)]),
    "small": (2, [(23246, 9297)]),
}

if __name__ == "__main__":
    _harness.main("richards", workload, SIZES)
