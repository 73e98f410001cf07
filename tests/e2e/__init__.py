"""The whole system under stress: a real browser, faults, fuzzing and hostile inputs."""
