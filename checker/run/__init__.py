"""Running checks over many reports: batch and workers, configuration, waivers and the gate (the one failure policy)."""
