"""Unit tests of `mulakat.practice`."""
