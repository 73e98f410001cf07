"""mulakat: interview readiness from a resume and a job posting."""

__version__ = "0.1.0"
