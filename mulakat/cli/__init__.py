"""The `mulakat` command line: commands and their terminal views."""
