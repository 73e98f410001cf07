"""Unit tests of `mulakat.planning`."""
