"""struct: convert between Python values and C structs packed in bytes.

The work is done by the native ``_struct`` module.
"""

__all__ = [
    # Functions
    'calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from',
    'iter_unpack',

    # Classes
    'Struct',

    # Exceptions
    'error'
    ]

from _struct import (calcsize, pack, pack_into, unpack, unpack_from,
                     iter_unpack, Struct, error)
