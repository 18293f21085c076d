"""The process as data: workflow definitions (TOML and their validator), the state machine, and
the guards that decide whether an item may leave a state."""
