"""The agent layer: the AgentSession's turn-taking, tool execution and its configuration."""
