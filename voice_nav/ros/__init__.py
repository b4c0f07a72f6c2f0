"""The ROS 2 side: nodes, message conversions, diagnostics."""
