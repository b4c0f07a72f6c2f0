"""The bench's child processes: ``python -m voice_nav.bench agent PLAN RESULT | sim RECEIVED``."""

import sys

from .agent import agent_main, sim_main

if sys.argv[1:2] == ['agent'] and len(sys.argv) == 4:
    sys.exit(agent_main(sys.argv[2], sys.argv[3]))
if sys.argv[1:2] == ['sim'] and len(sys.argv) == 3:
    sys.exit(sim_main(sys.argv[2]))
sys.exit('usage: python -m voice_nav.bench agent PLAN.json RESULT.json | sim RECEIVED.json')
