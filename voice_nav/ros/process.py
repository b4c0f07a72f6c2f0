"""
The process around the nodes: signals, the spin loop, malloc's heaps, the ways out.

Every way out (a signal, a bad parameter, a name taken, an exception) stops
the robot: the AgentNode's ``shutdown`` publishes the final zero Twist.
"""

import ctypes
import logging
import os
import signal
import sys
import time

import rclpy
from rclpy.executors import ExternalShutdownException, SingleThreadedExecutor
from rclpy.impl.implementation_singleton import rclpy_implementation
from rclpy.signals import SignalHandlerOptions

from .node_identity import NameGuard, StartError
from .parameters import remember_init_args
from ..agent.config import ConfigError
from ..app.runtime import AgentRuntime

RCLError = rclpy_implementation.RCLError


class Shutdown:
    """SIGINT, SIGTERM and SIGHUP set a flag that the spin loop checks; the robot stops."""

    def __init__(self):
        self.requested = False

    def install(self):
        """Handle SIGINT, SIGTERM and SIGHUP (the terminal closed) ourselves, not rclpy."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._handler)

    def _handler(self, signum, frame):
        self.requested = True

    def ignore(self):
        """
        Ignore the signals from now on: the process is ending.

        Python puts back the default handlers as it exits, and a late SIGINT (Ctrl-C
        reaches a launch's nodes twice) would then end it by the signal, exit -2.
        """
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)


def spin_until(executor, done, shutdown, period=0.05, deadline=None):
    """Spin until ``done()`` is true, a shutdown is requested or ``deadline`` passes."""
    while not shutdown.requested and rclpy.ok() and not done():
        if deadline is not None and time.monotonic() > deadline:
            return
        executor.spin_once(timeout_sec=period)


MALLOC_ARENAS = 2
"""
The most heaps glibc's malloc keeps, one per thread by default (8 a core).

The agent's threads (rclpy, the asyncio loop, the STT and TTS worker
threads, CTranslate2's and onnxruntime's) each grow a heap of their own
that is seldom given back; the README's Benchmarks section has what two saved.
"""


def limit_malloc_arenas(arenas=MALLOC_ARENAS):
    """
    Cap glibc's malloc heaps for the threads made from now on; return whether it took.

    ``MALLOC_ARENA_MAX`` in the environment wins; elsewhere than glibc this
    does nothing.
    """
    if os.environ.get('MALLOC_ARENA_MAX'):
        return False
    try:
        libc = ctypes.CDLL('libc.so.6')
    except OSError:
        return False
    return libc.mallopt(-8, arenas) == 1  # M_ARENA_MAX


def run_nodes(make_nodes, args=None, work=None):
    """
    Create nodes, spin them, and stop the robot on every way out.

    :param make_nodes: returns the nodes; the first is the AgentNode.
    :param work: optional ``work(node, executor, shutdown) -> exit code`` run
        instead of spinning forever.
    """
    limit_malloc_arenas()
    try:
        rclpy.init(args=args, signal_handler_options=SignalHandlerOptions.NO)
    except RCLError as e:  # bad ROS arguments, an unreadable or malformed parameters file
        print(f'voice_nav: cannot start ROS 2: {e}', file=sys.stderr)
        return 2
    remember_init_args(rclpy.get_default_context(), args)
    shutdown = Shutdown()
    shutdown.install()
    logging.basicConfig(level=logging.INFO, format='[%(levelname)s] [%(name)s]: %(message)s')
    nodes = []
    guard = None
    executor = SingleThreadedExecutor()
    code = 0
    try:
        nodes = make_nodes()
        guard = NameGuard(nodes[0], shutdown)
        for node in nodes:
            executor.add_node(node)
        if work is None:
            spin_until(executor, lambda: False, shutdown)
        else:
            code = work(nodes[0], executor, shutdown)
    except ConfigError as e:
        print(f'voice_nav: bad parameter: {e}', file=sys.stderr)
        code = 2
    except StartError as e:
        print(f'voice_nav: cannot start: {e}', file=sys.stderr)
        code = 2
    except (KeyboardInterrupt, ExternalShutdownException):
        pass
    finally:
        # The node that hosts the runtime (run as __main__, its class is another object).
        agent = next((n for n in nodes if isinstance(getattr(n, 'runtime', None), AgentRuntime)),
                     None)
        if agent is not None:
            agent.shutdown()
            # Let the final zero Twist leave before the node goes.
            end = time.monotonic() + 0.2
            while time.monotonic() < end:
                executor.spin_once(timeout_sec=0.02)
        executor.shutdown()
        for node in nodes:
            node.destroy_node()
        rclpy.try_shutdown()
        shutdown.ignore()
    if guard is not None and guard.taken:
        print(f'voice_nav: stopped: {guard.taken}', file=sys.stderr)
        code = 2
    return code
