"""Exit codes, as ruff/Semgrep use them: 0 pass, 1 the gate failed, 2 the run itself failed."""
OK = 0
GATE_FAILED = 1
USAGE_ERROR = 2   # bad option, unreadable input, invalid pack
INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT
