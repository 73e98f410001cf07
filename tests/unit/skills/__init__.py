"""Unit tests of `mulakat.skills`."""
