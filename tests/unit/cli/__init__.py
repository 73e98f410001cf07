"""Unit tests of `mulakat.cli`."""
