"""
Telling agents apart on a shared ROS graph: unique node names, diagnostics that name the node.

Two agents with the same fully qualified name would both obey every command: a new one
waits for discovery and refuses to start when the name is taken. Their ``/diagnostics``
statuses carry the node's name, namespace included, so two robots on one graph show apart.
"""

import json
import os
import socket
import time
import uuid

from diagnostic_msgs.msg import DiagnosticStatus
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from std_msgs.msg import String

# How long a starting agent watches the graph for a node of its own name before it acts:
# discovery on one machine took 0.2 s mostly here (Fast DDS), 1.3-2.6 s at times.
UNIQUE_NAME_WINDOW = 1.5


class StartError(Exception):
    """The node must not start; the message says why and what to do."""


def same_name_count(node):
    """Return how many nodes of the graph have this node's fully qualified name, itself too."""
    own = (node.get_name(), node.get_namespace())
    return sum(1 for name in node.get_node_names_and_namespaces() if tuple(name) == own)


class NameGuard:
    """
    Keep a node's fully qualified name to one node on the graph.

    At start-up (before the node spins, so that nothing is acted on meanwhile: messages
    wait in the subscriptions' queues) it watches the graph for ``window`` seconds and
    refuses a taken name. Discovery is usually that quick, but was seen to take 2.6 s on
    a busy machine, so each node also announces its start on a latched hidden topic: a
    node that learns later that another of its name started first stops itself (the
    robot gets its zero Twist) and ``taken`` says why. (A late node, once in 20 starts on
    a busy machine, never stopped: its own announcement had pushed the first one's out
    of its queue of one. Besides a longer queue, every second that the graph shows
    another node of its name, a node announces itself again.)

    :param node: the node to guard.
    :param shutdown: an object whose ``requested`` the guard sets to stop the node.
    :raises StartError: when the name is taken at start-up.
    """

    def __init__(self, node, shutdown, window=UNIQUE_NAME_WINDOW):
        self.node = node
        self.shutdown = shutdown
        self.taken = ''
        self._me = (time.time(), uuid.uuid4().hex)
        latched = QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE,
                             durability=DurabilityPolicy.TRANSIENT_LOCAL)
        self._later = set()  # ids of the nodes of this name that started after this one
        self._announce = node.create_publisher(String, '~/_instance', latched)
        # The node does not spin before it announces itself: its own announcement must not
        # push the others' (come meanwhile) out of a queue of one.
        node.create_subscription(String, '~/_instance', self.instance_callback,
                                 QoSProfile(depth=100, reliability=latched.reliability,
                                            durability=latched.durability))
        end = time.monotonic() + window
        while time.monotonic() < end and not shutdown.requested:
            if same_name_count(node) > 1:
                raise StartError(f'{self._taken_text()} is already running on ROS domain '
                                 f'{node.context.get_domain_id()}: two would both obey every '
                                 'command. Stop it, or start this one under another name or '
                                 'namespace (--ros-args -r __ns:=/robot2)')
            time.sleep(0.05)
        self.announce()
        node.create_timer(1.0, self.graph_callback)

    def announce(self):
        """Publish when and where this node started."""
        self._announce.publish(String(data=json.dumps({
            'started': self._me[0], 'id': self._me[1], 'pid': os.getpid(),
            'host': socket.gethostname()})))

    def graph_callback(self):
        """Announce again while the graph shows another node of this name."""
        if same_name_count(self.node) > 1:
            self.announce()

    def _taken_text(self):
        return f'another node named {self.node.get_fully_qualified_name()}'

    def instance_callback(self, msg):
        """Stop this node if another of its name started before it; else warn."""
        try:
            other = json.loads(msg.data)
            theirs = (float(other['started']), str(other['id']))
        except (ValueError, KeyError, TypeError):
            return
        if theirs[1] == self._me[1]:
            return
        where = f"pid {other.get('pid')} on {other.get('host')}"
        if theirs < self._me:
            self.taken = (f'{self._taken_text()} ({where}) started before this one: two would '
                          'both obey every command')
            self.node.get_logger().error(f'{self.taken}; stopping')
            self.shutdown.requested = True
        elif theirs[1] not in self._later:
            self._later.add(theirs[1])
            self.node.get_logger().error(
                f'{self._taken_text()} ({where}) started after this one; it stops itself')


def status_prefix(node):
    """
    Return what /diagnostics status names of this node start with, before ': stage'.

    The fully qualified name without its leading slash: 'voice_nav' in the root
    namespace, 'robot1/voice_nav' in /robot1.
    """
    return node.get_fully_qualified_name().lstrip('/')


def identify(msg, node, written='voice_nav'):
    """
    Name a DiagnosticArray's statuses after the node; add an ERROR if its name is taken.

    The statuses are written as ``'voice_nav: stage'``; they become ``status_prefix(node)
    + ': stage'``. A second node of the same name found after start-up (discovery slower
    than the start-up window) is a ``node`` status at ERROR and a log line.

    :return: ``msg``, changed in place.
    """
    prefix = status_prefix(node)
    for status in msg.status:
        if status.name.startswith(written + ': '):
            status.name = prefix + status.name[len(written):]
    if same_name_count(node) > 1:
        text = (f'another node named {node.get_fully_qualified_name()} runs on this ROS '
                'domain: both obey every command')
        node.get_logger().error(text, throttle_duration_sec=10.0)
        msg.status.append(DiagnosticStatus(level=DiagnosticStatus.ERROR, name=f'{prefix}: node',
                                           message=text, hardware_id=msg.status[0].hardware_id
                                           if msg.status else ''))
    return msg
