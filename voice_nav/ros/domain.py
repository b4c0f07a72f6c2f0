"""A ROS domain id of one's own: an isolated graph for the tests and the bench."""

import fcntl
import itertools
import os
import tempfile

# Domain ids that stay within Fast DDS's port range on Linux.
FIRST_DOMAIN_ID = 1
LAST_DOMAIN_ID = 101
_counter = itertools.count()


def claim_domain_id(avoid=None):
    """
    Return a domain id no other test or bench on this machine holds, and the lock file holding it.

    The lock (a flock on ``ros_domain_N.lock`` in the temporary folder) is
    released when the file is closed or this process dies.

    :param avoid: a domain id (as ``ROS_DOMAIN_ID`` gives it) never to take, e.g.
        the user's graph, where a robot may listen.
    :raises RuntimeError: when every domain id is held.
    """
    count = LAST_DOMAIN_ID - FIRST_DOMAIN_ID + 1
    start = os.getpid() + next(_counter)
    for offset in range(count):
        domain_id = FIRST_DOMAIN_ID + (start + offset) % count
        if avoid is not None and str(domain_id) == str(avoid):
            continue
        lock = open(os.path.join(tempfile.gettempdir(), f'ros_domain_{domain_id}.lock'), 'w')
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            continue
        return domain_id, lock
    raise RuntimeError(f'every ROS domain id from {FIRST_DOMAIN_ID} to {LAST_DOMAIN_ID} is in '
                       'use')
