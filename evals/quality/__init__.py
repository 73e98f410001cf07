"""Quality suites: how well extraction, matching, grading and the readiness score do their job."""
