"""
The application, assembled from the validated configuration, with no ROS in it.

``AgentRuntime`` owns the motion controller, the agent session, the voice,
the metrics and the asyncio loop thread, and tells what happens through
public events; the ROS node is one adapter of it, the runners and the bench
listen to the same events.
"""
