"""Heap queue algorithm (a min-heap on a list; Egret's own implementation)."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def heappush(heap, item):
    if not isinstance(heap, list):
        raise TypeError('heap argument must be a list')
    heap.append(item)
    _sift_down(heap, 0, len(heap) - 1)


def heappop(heap):
    if not isinstance(heap, list):
        raise TypeError('heap argument must be a list')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        top = heap[0]
        heap[0] = last
        _sift_up(heap, 0)
        return top
    return last


def heapreplace(heap, item):
    if not isinstance(heap, list):
        raise TypeError('heap argument must be a list')
    if not heap:
        raise IndexError('index out of range')
    top = heap[0]
    heap[0] = item
    _sift_up(heap, 0)
    return top


def heappushpop(heap, item):
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_up(heap, 0)
    return item


def heapify(x):
    for i in reversed(range(len(x) // 2)):
        _sift_up(x, i)


def _sift_down(heap, startpos, pos):
    # Move the item at pos up towards the root until its parent is not larger.
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _sift_up(heap, pos):
    # Move the smaller child up until a leaf, then place the item (CPython's order of comparisons).
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _sift_down(heap, startpos, pos)


def _heappop_max(heap):
    last = heap.pop()
    if heap:
        top = heap[0]
        heap[0] = last
        _sift_up_max(heap, 0)
        return top
    return last


def _heapify_max(x):
    for i in reversed(range(len(x) // 2)):
        _sift_up_max(x, i)


def _sift_down_max(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < newitem:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _sift_up_max(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[rightpos] < heap[childpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _sift_down_max(heap, startpos, pos)


def merge(*iterables, key=None, reverse=False):
    entries = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            entries.append(((key(value) if key else value), order, value))
            break
        else:
            continue
    # Simple k-way merge keeping stability by source order.
    iters = [iter(it) for it in iterables]
    heads = []
    for order, it in enumerate(iters):
        for value in it:
            heads.append([key(value) if key else value, order, value, it])
            break
    while heads:
        best = 0
        for i in range(1, len(heads)):
            a, b = heads[i], heads[best]
            if (a[0] > b[0] if reverse else a[0] < b[0]) or (a[0] == b[0] and a[1] < b[1]):
                best = i
        entry = heads[best]
        yield entry[2]
        for value in entry[3]:
            entry[0] = key(value) if key else value
            entry[2] = value
            break
        else:
            del heads[best]


def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
