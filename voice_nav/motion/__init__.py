"""The robot side: navigation functions, motion control and safety limits (no rclpy)."""
