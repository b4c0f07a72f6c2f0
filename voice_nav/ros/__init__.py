"""The ROS 2 side: adapters of the AgentRuntime (the agent node), the simulator, conversions."""
