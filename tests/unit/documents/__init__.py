"""Unit tests of `mulakat.documents`."""
