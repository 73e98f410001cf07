"""Unit tests of `mulakat.packs`."""
