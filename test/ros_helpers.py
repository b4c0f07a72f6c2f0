"""
Helpers for tests over real DDS: an isolated ROS domain, node processes, and a Probe node.

Usage::

    from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401

    def test_odom(ros_env):
        with node_process(ros_env, '--ros-args', '-p', 'publish_rate:=20.0') as sim:
            with Probe(ros_env) as probe:
                odoms = probe.subscribe(Odometry, '/odom')
                assert probe.wait_for(lambda: odoms), sim.output

The fixture is ``ros_env_fixture`` under the name ``ros_env``, so that importing it
and taking ``ros_env`` as an argument is no redefinition for flake8.
"""

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from typing import NamedTuple

import pytest
import rclpy
from rclpy.context import Context
from rclpy.executors import SingleThreadedExecutor
from rclpy.signals import SignalHandlerOptions
from voice_nav.ros.domain import claim_domain_id

DISCOVERY_TIMEOUT = 10.0
_counter = itertools.count()


@pytest.fixture(name='ros_env')
def ros_env_fixture(monkeypatch, tmp_path):
    """
    Give the environment of an isolated ROS graph: a domain id of its own, localhost only.

    The test process gets ``ROS_AUTOMATIC_DISCOVERY_RANGE`` and ``ROS_DOMAIN_ID`` too,
    for its Probes; pass the dict as ``env`` to the node processes.
    """
    domain_id, lock = claim_domain_id()
    env = dict(os.environ)
    env.update({
        'ROS_DOMAIN_ID': str(domain_id),
        'ROS_AUTOMATIC_DISCOVERY_RANGE': 'LOCALHOST',
        'ROS_LOG_DIR': str(tmp_path / 'ros_log'),
        'PYTHONUNBUFFERED': '1',
        'RCUTILS_LOGGING_BUFFERED_STREAM': '0',
    })
    for name in ('ROS_DOMAIN_ID', 'ROS_AUTOMATIC_DISCOVERY_RANGE'):
        monkeypatch.setenv(name, env[name])
    try:
        yield env
    finally:
        lock.close()


class NodeProcess:
    """
    A node run in its own process group, its stdout and stderr gathered in a file.

    :param command: the command line.
    :param env: the environment, usually from ``ros_env``.
    """

    def __init__(self, command, env):
        handle, self._log_path = tempfile.mkstemp(prefix='ros_node_', suffix='.log')
        os.close(handle)
        # Append mode: the child writes at the end whatever the reader does.
        with open(self._log_path, 'ab') as log:
            self.popen = subprocess.Popen(command, env=env, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True)
        self.killed = False
        self._final_output = None

    @property
    def output(self):
        """Return what the process wrote to stdout and stderr so far."""
        if self._final_output is not None:
            return self._final_output
        with open(self._log_path, 'rb') as log:
            return log.read().decode(errors='replace')

    @property
    def returncode(self):
        """Return the exit code, or None while it runs."""
        return self.popen.poll()

    def send_signal(self, signum):
        """Send a signal to the whole process group."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signum)

    def wait(self, timeout=DISCOVERY_TIMEOUT):
        """
        Wait for the process to end by itself; return its exit code.

        :raises subprocess.TimeoutExpired: when it is still running after ``timeout``.
        """
        return self.popen.wait(timeout)

    def stop(self, signum=signal.SIGTERM, timeout=5.0):
        """
        Send ``signum`` to the group, SIGKILL after ``timeout``; return the exit code.

        ``killed`` tells whether SIGKILL was needed.
        """
        if self.popen.poll() is None:
            self.send_signal(signum)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.killed = True
                self.send_signal(signal.SIGKILL)
                self.popen.wait()
        return self.popen.returncode

    def close(self, timeout=5.0):
        """Stop the process (SIGTERM) if it runs, keep its output and delete the file."""
        self.stop(signal.SIGTERM, timeout)
        if self._final_output is None:
            self._final_output = self.output
            os.remove(self._log_path)


@contextlib.contextmanager
def node_process(env, *args, module='voice_nav.ros.sim_node', stop_timeout=5.0):
    """
    Run ``python -m module args...``; on exit SIGTERM it (SIGKILL after ``stop_timeout``).

    :param env: the environment, usually from ``ros_env``.
    :param args: command-line arguments, e.g. ``'--ros-args', '-p', 'use_stamped:=true'``.
    :param module: the module to run.
    :return: a context manager giving the NodeProcess.
    """
    process = NodeProcess([sys.executable, '-m', module, *args], env)
    try:
        yield process
    finally:
        process.close(stop_timeout)


class Received(NamedTuple):
    """A message and when it arrived (``time.monotonic()`` in the test process)."""

    at: float
    msg: object


class Probe:
    """
    A node of the test process in a context of its own, spun in a background thread.

    Several Probes can coexist; the process's global context and its signal
    handlers are untouched. Use it as a context manager or call ``close()``.

    :param env: the environment of the graph (``ros_env``), for its ``ROS_DOMAIN_ID``.
    :param name: the node name; a unique one by default.
    """

    def __init__(self, env, name=None):
        self.context = Context()
        rclpy.init(context=self.context, domain_id=int(env['ROS_DOMAIN_ID']),
                   signal_handler_options=SignalHandlerOptions.NO)
        self.node = rclpy.create_node(name or f'probe_{os.getpid()}_{next(_counter)}',
                                      context=self.context)
        self.executor = SingleThreadedExecutor(context=self.context)
        self.executor.add_node(self.node)
        self._thread = threading.Thread(target=self.executor.spin, name='probe', daemon=True)
        self._thread.start()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        """Stop spinning, then destroy the node and shut the context down, in that order."""
        self.executor.shutdown()
        self._thread.join(timeout=10.0)
        self.node.destroy_node()
        self.context.try_shutdown()

    def subscribe(self, msg_type, topic, qos=10):
        """
        Record the messages of a topic.

        :return: a list that fills with ``Received(at, msg)`` as messages arrive.
        """
        received = []
        self.node.create_subscription(
            msg_type, topic, lambda msg: received.append(Received(time.monotonic(), msg)), qos)
        return received

    def publisher(self, msg_type, topic, qos=10):
        """Return a publisher on the probe's node; ``publish()`` works from any thread."""
        return self.node.create_publisher(msg_type, topic, qos)

    def wait_for_subscribers(self, publisher, count=1, timeout=DISCOVERY_TIMEOUT):
        """Wait until ``publisher`` matches ``count`` subscriptions; return whether it did."""
        return self.wait_for(lambda: publisher.get_subscription_count() >= count, timeout)

    def publish_for(self, publisher, msg, rate, duration):
        """
        Publish ``msg`` at ``rate`` Hz for ``duration`` seconds (blocking).

        :param msg: a message, or a function returning the next one.
        :return: how many were published.
        """
        start = time.monotonic()
        sent = 0
        while time.monotonic() - start < duration:
            publisher.publish(msg() if callable(msg) else msg)
            sent += 1
            time.sleep(max(0.0, start + sent / rate - time.monotonic()))
        return sent

    def topic_types(self):
        """Return ``{topic name: [type names]}`` of the graph as this probe sees it."""
        return dict(self.node.get_topic_names_and_types())

    @staticmethod
    def wait_for(predicate, timeout=DISCOVERY_TIMEOUT, period=0.02):
        """Poll ``predicate`` until it is truthy or ``timeout`` passes; return its last value."""
        end = time.monotonic() + timeout
        while True:
            value = predicate()
            if value or time.monotonic() > end:
                return value
            time.sleep(period)
