"""Unit tests of `mulakat.storage`."""
